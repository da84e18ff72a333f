package io.scribehook.app.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scribehook.app.JarRunner;
import io.scribehook.store.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Builds the container image archive from the jar that {@code package} built and inspects it as a
 * container engine would (no engine runs here): OCI layout and Docker manifest agree, digests
 * match, the configuration (entrypoint, user, port, volume, health check), the files the
 * configuration names exist in the layers; then runs the image's own Java runtime (the jlinked
 * layer) with the image's JVM options to serve on SQLite, and the image's health check command
 * against it.
 */
class ImageTarballIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of("target", "scribehook.jar");
    private static final Pattern SERVING = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)");

    private static TarEntries archive;
    private static JsonNode config;
    private static List<TarEntries> layers;

    @BeforeAll
    static void build() throws IOException {
        Path out = TestDatabases.newFolder("image").resolve("scribehook-image.tar");
        ImageTarball.Built built = ImageTarball.build(JAR, out, "it");
        try (var in = Files.newInputStream(built.archive())) {
            archive = TarEntries.read(in);
        }
        JsonNode index = json(archive.get("index.json").content());
        JsonNode ref = index.get("manifests").get(0);
        assertThat(ref.get("annotations").get("io.containerd.image.name").asText())
                .isEqualTo("scribehook:it");
        JsonNode manifest = json(blob(ref));
        config = json(blob(manifest.get("config")));
        layers = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        config.get("rootfs").get("diff_ids").forEach(d -> diffIds.add(d.asText()));
        assertThat(manifest.get("layers")).hasSize(diffIds.size());
        for (int i = 0; i < diffIds.size(); i++) {
            JsonNode layer = manifest.get("layers").get(i);
            assertThat(layer.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
            byte[] plain = new GZIPInputStream(new ByteArrayInputStream(blob(layer))).readAllBytes();
            assertThat("sha256:" + sha256(plain)).as("diff id of layer %d", i).isEqualTo(diffIds.get(i));
            layers.add(TarEntries.read(new ByteArrayInputStream(plain)));
        }
        JsonNode docker = json(archive.get("manifest.json").content()).get(0);
        assertThat(docker.get("RepoTags").get(0).asText()).isEqualTo("scribehook:it");
        assertThat(docker.get("Config").asText())
                .isEqualTo("blobs/sha256/"
                        + manifest.get("config").get("digest").asText().substring(7));
        for (int i = 0; i < diffIds.size(); i++) {
            assertThat(docker.get("Layers").get(i).asText())
                    .isEqualTo("blobs/sha256/"
                            + manifest.get("layers")
                                    .get(i)
                                    .get("digest")
                                    .asText()
                                    .substring(7));
        }
    }

    /** A blob named by a descriptor, checked against its digest and size. */
    private static byte[] blob(JsonNode descriptor) {
        String digest = descriptor.get("digest").asText();
        byte[] b = archive.get("blobs/sha256/" + digest.substring("sha256:".length()))
                .content();
        assertThat("sha256:" + sha256(b)).as("content of " + digest).isEqualTo(digest);
        assertThat((long) b.length).isEqualTo(descriptor.get("size").asLong());
        return b;
    }

    private static TarEntries.Entry file(String path) {
        String name = path.substring(1);
        TarEntries.Entry found = null;
        for (TarEntries layer : layers) {
            for (TarEntries.Entry e : layer.entries()) {
                if (e.name().equals(name) || e.name().equals(name + "/")) {
                    found = e;
                }
            }
        }
        assertThat(found).as("%s in the image", path).isNotNull();
        return found;
    }

    @Test
    void theConfigurationRunsTheJarWithServeAsANonRootUserOnPort8080WithDataAsAVolume() throws Exception {
        JsonNode c = config.get("config");
        assertThat(config.get("os").asText()).isEqualTo("linux");
        assertThat(config.get("architecture").asText())
                .isEqualTo(Platform.current().architecture());
        List<String> entrypoint = strings(c.get("Entrypoint"));
        assertThat(entrypoint.getFirst()).isEqualTo("/opt/java/bin/java");
        assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size()))
                .containsExactly("-jar", "/app/scribehook.jar");
        assertThat(strings(c.get("Cmd"))).containsExactly("serve");

        String user = c.get("User").asText();
        assertThat(user).isEqualTo("10001:10001");
        String passwd = new String(file("/etc/passwd").content(), StandardCharsets.UTF_8);
        assertThat(passwd).containsPattern("(?m)^scribehook:x:10001:10001:[^:]*:/data:");

        assertThat(c.get("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(c.get("Volumes").has("/data")).isTrue();
        assertThat(strings(c.get("Env")))
                .contains("SCRIBEHOOK_DATA_DIR=/data", "SCRIBEHOOK_HTTP_HOST=0.0.0.0", "SCRIBEHOOK_HTTP_PORT=8080");
        TarEntries.Entry data = file("/data");
        assertThat(data.isDirectory()).isTrue();
        assertThat(data.uid()).as("/data belongs to the image's user").isEqualTo(10001);
        assertThat(data.mode() & 0700).isEqualTo(0700);
        TarEntries.Entry tmp = file("/tmp");
        assertThat(tmp.mode()).as("/tmp sticky and writable").isEqualTo(01777);

        TarEntries.Entry java = file("/opt/java/bin/java");
        assertThat(java.mode() & 0111).as("java executable").isEqualTo(0111);
        assertThat(sha256(file("/app/scribehook.jar").content()))
                .as("the jar in the image is the jar package built")
                .isEqualTo(sha256(Files.readAllBytes(JAR)));
        for (String lib : List.of("libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2")) {
            assertThat(file("/usr/lib/" + Platform.current().libDir() + "/" + lib)
                            .content())
                    .as(lib)
                    .isNotEmpty();
        }
        assertThat(file("/" + Platform.current().loaderLink()).type())
                .as("the program loader where the runtime looks for it")
                .isEqualTo('2');
    }

    @Test
    void theHealthCheckRunsTheImagesJavaAgainstReadyz() {
        JsonNode h = config.get("config").get("Healthcheck");
        List<String> test = strings(h.get("Test"));
        assertThat(test.getFirst()).isEqualTo("CMD");
        assertThat(test.get(1)).isEqualTo("/opt/java/bin/java");
        assertThat(test).contains("/app/scribehook.jar", Readyz.class.getName());
        assertThat(h.get("Interval").asLong()).isEqualTo(Duration.ofSeconds(30).toNanos());
        assertThat(h.get("Timeout").asLong()).isPositive();
        assertThat(h.get("Retries").asInt()).isPositive();
    }

    @Test
    void theImagesRuntimeServesOnSqliteAndItsHealthCheckPassesThenFails() throws Exception {
        Path root = TestDatabases.newFolder("image-run");
        for (TarEntries.Entry e : layers.get(1).entries()) {
            Path p = root.resolve(e.name());
            if (e.isDirectory()) {
                Files.createDirectories(p);
            } else if (e.type() == '2') {
                Files.createSymbolicLink(p, Path.of(e.link()));
            } else {
                Files.write(p, e.content());
                Files.setPosixFilePermissions(
                        p, PosixFilePermissions.fromString((e.mode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        Map<String, String> swap = Map.of(
                "/opt/java/bin/java",
                root.resolve("opt/java/bin/java").toString(),
                "/app/scribehook.jar",
                JAR.toAbsolutePath().toString());
        List<String> serve = new ArrayList<>();
        strings(config.get("config").get("Entrypoint")).forEach(a -> serve.add(swap.getOrDefault(a, a)));
        serve.addAll(strings(config.get("config").get("Cmd")));

        Map<String, String> env = new HashMap<>();
        env.put("SCRIBEHOOK_HTTP_PORT", "0");
        env.put("SCRIBEHOOK_HTTP_HOST", "127.0.0.1");
        env.put("SCRIBEHOOK_DATA_DIR", root.resolve("data").toString());
        ProcessBuilder pb = new ProcessBuilder(serve).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("SCRIBEHOOK_") || k.startsWith("JAVA_"));
        pb.environment().putAll(env);
        Process server = pb.start();
        int port = -1;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; port < 0 && (line = out.readLine()) != null; ) {
                Matcher m = SERVING.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertThat(port).as("the image's runtime starts the server").isPositive();
            assertThat(Files.exists(root.resolve("data").resolve("scribehook.db")))
                    .isTrue();
            List<String> check = new ArrayList<>();
            strings(config.get("config").get("Healthcheck").get("Test")).stream()
                    .skip(1)
                    .forEach(a -> check.add(swap.getOrDefault(a, a)));
            int p = port;
            await().atMost(Duration.ofSeconds(60)).until(() -> healthCheck(check, p) == 0);
        } finally {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS))
                    .as("stops on SIGTERM")
                    .isTrue();
        }
        assertThat(healthCheck(
                        strings(config.get("config").get("Healthcheck").get("Test")).stream()
                                .skip(1)
                                .map(a -> swap.getOrDefault(a, a))
                                .toList(),
                        port))
                .as("no server: unhealthy")
                .isEqualTo(1);
    }

    private static int healthCheck(List<String> command, int port) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("SCRIBEHOOK_HTTP_PORT", Integer.toString(port));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        JarRunner.read(p.getInputStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode json(byte[] b) throws IOException {
        return JSON.readTree(b);
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
