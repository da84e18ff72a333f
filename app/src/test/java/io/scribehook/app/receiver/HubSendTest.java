package io.scribehook.app.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.scribehook.app.JarRunner;
import io.scribehook.signatures.Profile;
import io.scribehook.store.testing.TestDatabases;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code scribehook hub send} against the app's receiver (every profile it supports, both shapes:
 * verified, accepted, stored) and against the guide's Express receiver from
 * {@code shared/bench/express-seed}.
 */
class HubSendTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static ReceiverHarness h;

    @BeforeAll
    static void start() {
        h = ReceiverHarness.start(
                Map.of(
                        "SCRIBEHOOK_WEBHOOK_SECRETS",
                        SECRET,
                        "SCRIBEHOOK_SIGNATURE_PROFILES",
                        "guide,healthie-api,healthie-rfc9421,standard-webhooks"),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theReceiverVerifiesAndAcceptsEveryProfile(Profile profile) {
        String shape = profile.ordinal() % 2 == 0 ? "reference" : "guide";
        String id = Integer.toString(7001 + profile.ordinal());
        JarRunner.Run r = JarRunner.inProcess(
                "hub",
                "send",
                "appointment.participant_joined",
                "--to",
                h.base() + "/healthie-webhooks",
                "--secret",
                SECRET,
                "--profile",
                profile.id(),
                "--shape",
                shape,
                "--resource-id",
                id);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("> POST " + h.base() + "/healthie-webhooks");
        assertThat(r.out()).containsPattern("(?m)^< HTTP 20[0-9]$");
        assertThat(r.out()).contains(id).doesNotContain(SECRET).doesNotContain(SECRET.substring(6));
        if (profile == Profile.STANDARD_WEBHOOKS) {
            assertThat(r.out()).containsIgnoringCase("> webhook-signature: v1,");
        } else {
            assertThat(r.out()).contains("> Content-Digest: ").contains("> Signature: sig1=");
        }
        JsonNode items = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> h.adminJson("/api/receiver/webhooks?resource_id=" + id)
                                .get("items"),
                        i -> i.size() == 1);
        assertThat(items.get(0).path("profile").asText()).isEqualTo(profile.id());
        assertThat(items.get(0).path("body_shape").asText()).isEqualTo(shape);
        assertThat(items.get(0).path("event_type").asText()).isEqualTo("appointment.participant_joined");
    }

    @Test
    void aWrongSecretIsRefusedAndExitsOne() {
        JarRunner.Run r = JarRunner.inProcess(
                "hub",
                "send",
                "appointment.created",
                "--to",
                h.base() + "/healthie-webhooks",
                "--secret",
                "whsec_not_the_receivers_secret",
                "--profile",
                "healthie-rfc9421");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).containsPattern("(?m)^< HTTP 401$");
        assertThat(r.err()).contains("401");
    }

    @Test
    void usageErrorsExitTwoAndNoAnswerExitsOne() throws IOException {
        assertThat(JarRunner.inProcess("hub", "send", "appointment.created", "--to", "ftp://x", "--secret", "s")
                        .exit())
                .isEqualTo(2);
        assertThat(JarRunner.inProcess(
                                "hub",
                                "send",
                                "appointment.created",
                                "--to",
                                h.base(),
                                "--secret",
                                "s",
                                "--profile",
                                "nope")
                        .exit())
                .isEqualTo(2);
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        JarRunner.Run r = JarRunner.inProcess(
                "hub", "send", "appointment.created", "--to", "http://127.0.0.1:" + closed + "/x", "--secret", "s");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no answer from");
    }

    /**
     * The guide's Express receiver verifies the guide profile (its six-line signature) and answers
     * 200; a wrong secret gets 401. Needs node and express: express is installed from the npm
     * registry into a copy under target/; when that is impossible, or the seed is not beside the
     * repository (a clone elsewhere), the case is skipped with the reason printed.
     */
    @Test
    void theGuidesExpressReceiverAcceptsTheGuideProfile() throws Exception {
        Path seed = expressSeed();
        Path dir = TestDatabases.newFolder("express-seed");
        for (String f : List.of("server.js", "package.json")) {
            Files.writeString(dir.resolve(f), Files.readString(seed.resolve(f)));
        }
        String problem = npmInstall(dir);
        if (problem != null) {
            skip("its npm dependencies are not installed and could not be (" + problem + ")");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder("node", "server.js").directory(dir.toFile());
        pb.environment().put("PORT", Integer.toString(port));
        pb.environment().put("HEALTHIE_WEBHOOK_SECRET", SECRET);
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile());
        Process node = pb.start();
        try {
            String base = "http://127.0.0.1:" + port;
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(() -> http.send(
                                            HttpRequest.newBuilder(URI.create(base + "/stats"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .statusCode()
                            == 200);
            for (String shape : List.of("guide", "reference")) {
                JarRunner.Run ok = JarRunner.inProcess(
                        "hub",
                        "send",
                        "appointment.transcript_available",
                        "--to",
                        base + "/healthie-webhooks",
                        "--secret",
                        SECRET,
                        "--profile",
                        "guide",
                        "--shape",
                        shape);
                assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
                assertThat(ok.out()).containsPattern("(?m)^< HTTP 200$").contains("OK");
            }
            JarRunner.Run bad = JarRunner.inProcess(
                    "hub",
                    "send",
                    "appointment.transcript_available",
                    "--to",
                    base + "/healthie-webhooks",
                    "--secret",
                    "whsec_other",
                    "--profile",
                    "guide");
            assertThat(bad.exit()).isEqualTo(1);
            assertThat(bad.out()).containsPattern("(?m)^< HTTP 401$");
            String stats = http.send(
                            HttpRequest.newBuilder(URI.create(base + "/stats")).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(ReceiverHarness.json(stats).path("ok").asInt()).isEqualTo(2);
            assertThat(ReceiverHarness.json(stats).path("bad").asInt()).isEqualTo(1);
        } finally {
            node.destroy();
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    /** {@code shared/bench/express-seed} beside the repository (searched upwards from here). */
    private static Path expressSeed() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path candidate = at.resolve("shared/bench/express-seed");
            if (Files.isRegularFile(candidate.resolve("server.js"))) {
                return candidate;
            }
        }
        return skip("the guide's Express receiver (shared/bench/express-seed/server.js) is not beside the repository");
    }

    /** Skips the calling test, saying so on stderr as well as in the report. */
    private static <T> T skip(String reason) {
        String why = "SKIPPED hub send against the Express receiver: " + reason;
        System.err.println("!!! " + why);
        Assumptions.abort(why);
        return null;
    }

    /** Installs the seed's dependencies; null when done, else why not. */
    private static String npmInstall(Path dir) throws InterruptedException {
        if (!new File("/usr/bin/node").canExecute() && !onPath("node")) {
            return "node is not installed";
        }
        if (!onPath("npm")) {
            return "npm is not installed";
        }
        try {
            Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefer-offline")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("npm.log").toFile())
                    .start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "npm install took over 180 s";
            }
            if (p.exitValue() != 0
                    || !Files.isDirectory(dir.resolve("node_modules").resolve("express"))) {
                String log = Files.readString(dir.resolve("npm.log"), StandardCharsets.UTF_8);
                return "npm install exited " + p.exitValue() + ": "
                        + log.strip().lines().reduce((a, b) -> b).orElse("");
            }
            return null;
        } catch (IOException e) {
            return "npm could not run: " + e.getMessage();
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null
                && java.util.Arrays.stream(path.split(File.pathSeparator))
                        .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
