package io.scribehook.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs the jar that {@code package} built, as a user would through the launcher. */
class ScribehookJarIT {
    private static final Pattern SERVING = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)");

    private static JarRunner.Run run(Map<String, String> env, String... args) throws Exception {
        return JarRunner.run(env, List.of(args));
    }

    @Test
    void versionAndHelp() throws Exception {
        JarRunner.Run v = run(Map.of(), "--version");
        assertThat(v.exit()).isZero();
        assertThat(v.out()).startsWith("scribehook ").contains("source " + sourceHash() + ",");
        JarRunner.Run h = run(Map.of(), "--help");
        assertThat(h.exit()).isZero();
        assertThat(h.out()).contains("serve").contains("Exit codes");
        JarRunner.Run bad = run(Map.of(), "frobnicate");
        assertThat(bad.exit()).isEqualTo(2);
    }

    /** The launcher's staleness hash of this checkout, which the build must have recorded in the jar. */
    private static String sourceHash() throws Exception {
        Process p =
                new ProcessBuilder("bash", Path.of("..", "bin", "source-hash").toString()).start();
        String out = JarRunner.read(p.getInputStream()).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).matches("[0-9a-f]{16}");
        return out;
    }

    @Test
    void aFailedFirstStartCreatesNothingAndSaysWhyInOneLine() throws Exception {
        Path dataDir = TestApps.freshDataDir().resolve("first-start");
        JarRunner.Run config = run(
                Map.of(
                        "SCRIBEHOOK_DATA_DIR",
                        dataDir.toString(),
                        "SCRIBEHOOK_HTTP_PORT",
                        "0",
                        "SCRIBEHOOK_IP_ALLOWLIST",
                        "healthie-moon"),
                "serve");
        assertThat(config.exit()).isEqualTo(2);
        assertThat(config.err().strip())
                .startsWith("scribehook: configuration error: SCRIBEHOOK_IP_ALLOWLIST='healthie-moon' is invalid")
                .doesNotContain("\n");
        assertThat(config.out()).isEmpty();
        assertThat(dataDir).doesNotExist();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            JarRunner.Run inUse = run(
                    Map.of(
                            "SCRIBEHOOK_DATA_DIR",
                            dataDir.toString(),
                            "SCRIBEHOOK_HTTP_PORT",
                            Integer.toString(taken.getLocalPort())),
                    "serve");
            assertThat(inUse.exit()).isEqualTo(1);
            assertThat(inUse.err().lines().filter(l -> !l.isBlank()).toList())
                    .singleElement()
                    .asString()
                    .isEqualTo("scribehook: port " + taken.getLocalPort()
                            + " is already in use on 127.0.0.1; set SCRIBEHOOK_HTTP_PORT "
                            + "to a free port (0 picks any) or stop the process that holds it");
            assertThat(inUse.out()).doesNotContain("Admin token");
        }
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void invalidConfigurationExitsTwoWithOneLineAndNoStackTrace() throws Exception {
        JarRunner.Run r = run(Map.of("SCRIBEHOOK_HTTP_PORT", "eighty"), "serve");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("SCRIBEHOOK_HTTP_PORT='eighty' is invalid").doesNotContain("\tat ");
        JarRunner.Run f = run(Map.of(), "serve", "--config", "target/no-such.properties");
        assertThat(f.exit()).isEqualTo(2);
        assertThat(f.err()).contains("SCRIBEHOOK_CONFIG_FILE").doesNotContain("\tat ");
    }

    @Test
    void servesReadinessOnSqliteAndLogsJsonWhenAsked() throws Exception {
        Path dataDir = TestApps.freshDataDir();
        Process p = JarRunner.builder(
                        Map.of(
                                "SCRIBEHOOK_HTTP_PORT",
                                "0",
                                "SCRIBEHOOK_DATA_DIR",
                                dataDir.toString(),
                                "SCRIBEHOOK_LOG_FORMAT",
                                "json"),
                        List.of("serve"))
                .start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> JarRunner.read(p.getErrorStream()));
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            int port = -1;
            for (String line; port < 0 && (line = out.readLine()) != null; ) {
                Matcher m = SERVING.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertThat(port).as("port announced on stdout").isPositive();
            HttpResponse<String> ready = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(Files.exists(dataDir.resolve("scribehook.db"))).isTrue();
        } finally {
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
        List<String> logLines = err.get().lines().filter(l -> !l.isBlank()).toList();
        assertThat(logLines)
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
        assertThat(String.join("\n", logLines)).contains("scribehook listening on 127.0.0.1:");
    }
}
