package io.scribehook.app.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scribehook.app.JarRunner;
import io.scribehook.app.ScribehookApp;
import io.scribehook.app.config.AppConfig;
import io.scribehook.core.config.ConfigSource;
import io.scribehook.store.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code scribehook hub api-key create|list} through the running server and, without one, on the database. */
class HubCliTest {
    private static final String ADMIN = "admin-token-for-tests-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> keys(Path dataDir, int port) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("SCRIBEHOOK_HTTP_PORT", Integer.toString(port));
        v.put("SCRIBEHOOK_DATA_DIR", dataDir.toString());
        v.put("SCRIBEHOOK_ROLES", "hub");
        v.put("SCRIBEHOOK_ADMIN_TOKEN", ADMIN);
        return v;
    }

    private static Path configFile(Map<String, String> keys) throws IOException {
        Path file = TestDatabases.newFolder("hub-cli").resolve("cli.properties");
        Files.writeString(
                file,
                keys.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("\n")));
        return file;
    }

    private static ScribehookApp serve(Map<String, String> keys) {
        return ScribehookApp.start(
                AppConfig.from(ConfigSource.of(keys)),
                Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void createPrintsTheKeyAloneAndTheKeyAuthenticates() throws Exception {
        Path dataDir = TestDatabases.newFolder("hub-data");
        Map<String, String> v = keys(dataDir, freePort());
        Path cfg = configFile(v);
        try (ScribehookApp app = serve(v)) {
            JarRunner.Run plain = JarRunner.inProcess("hub", "api-key", "create", "--config", cfg.toString());
            assertThat(plain.exit()).as(plain.err()).isZero();
            String key = plain.out().strip();
            assertThat(key).matches("shk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
            assertThat(plain.out()).isEqualTo(key + System.lineSeparator());
            assertThat(app.hub().orElseThrow().apiKeys().authenticate(key)).isPresent();

            JarRunner.Run json = JarRunner.inProcess(
                    "hub", "api-key", "create", "--name", "ci", "--json", "--config", cfg.toString());
            assertThat(json.exit()).as(json.err()).isZero();
            JsonNode created = JSON.readTree(json.out());
            assertThat(created.path("name").asText()).isEqualTo("ci");
            assertThat(created.path("api_key").asText())
                    .startsWith("shk_" + created.path("key_id").asText() + "_");

            JarRunner.Run list = JarRunner.inProcess("hub", "api-key", "list", "--json", "--config", cfg.toString());
            assertThat(list.exit()).isZero();
            assertThat(JSON.readTree(list.out()).path("api_keys")).hasSize(2);
            assertThat(list.out()).doesNotContain(key.substring(17));

            String keyId = key.substring(4, 16);
            JarRunner.Run revoke = JarRunner.inProcess("hub", "api-key", "revoke", keyId, "--config", cfg.toString());
            assertThat(revoke.exit()).as(revoke.err()).isZero();
            assertThat(revoke.out()).contains("revoked API key " + keyId);
            assertThat(app.hub().orElseThrow().apiKeys().authenticate(key)).isEmpty();
            JarRunner.Run again = JarRunner.inProcess("hub", "api-key", "revoke", keyId, "--config", cfg.toString());
            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.err()).contains("404").contains("no active API key");
            JarRunner.Run notAnId = JarRunner.inProcess("hub", "api-key", "revoke", key, "--config", cfg.toString());
            assertThat(notAnId.exit()).isEqualTo(2);
            assertThat(notAnId.err()).doesNotContain(key);
        }
    }

    @Test
    void withoutAServerTheKeyIsWrittenToTheDatabase() throws Exception {
        Path dataDir = TestDatabases.newFolder("hub-data");
        Map<String, String> v = keys(dataDir, freePort());
        Path cfg = configFile(v);
        serve(Map.of(
                        "SCRIBEHOOK_HTTP_PORT",
                        "0",
                        "SCRIBEHOOK_DATA_DIR",
                        dataDir.toString(),
                        "SCRIBEHOOK_ROLES",
                        "hub",
                        "SCRIBEHOOK_ADMIN_TOKEN",
                        ADMIN))
                .close();
        JarRunner.Run r = JarRunner.inProcess("hub", "api-key", "create", "--config", cfg.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("using the database");
        String key = r.out().strip();
        try (ScribehookApp app = serve(v)) {
            assertThat(app.hub().orElseThrow().apiKeys().authenticate(key)).isPresent();
        }
        JarRunner.Run badName =
                JarRunner.inProcess("hub", "api-key", "create", "--name", " ", "--config", cfg.toString());
        assertThat(badName.exit()).isEqualTo(2);
    }

    @Test
    void simulateMeetingPlaysAVisitThroughTheRunningHub() throws Exception {
        Map<String, String> v = keys(TestDatabases.newFolder("hub-data"), freePort());
        v.put("SCRIBEHOOK_ZOOM_SECRET_TOKEN", "zoom-secret-token-0123456789");
        Path cfg = configFile(v);
        try (ScribehookApp app = serve(v)) {
            JarRunner.Run r = JarRunner.inProcess(
                    "hub", "simulate", "meeting", "--encounter", "D2N072", "--json", "--config", cfg.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            JsonNode answer = JSON.readTree(r.out());
            assertThat(answer.path("encounter").asText()).isEqualTo("D2N072");
            long appointment = answer.path("appointment_id").asLong();
            assertThat(app.hub().orElseThrow().appointments().find(appointment)).isPresent();
            assertThat(answer.path("events").findValuesAsText("event")).contains("recording.transcript_completed");
        }
        JarRunner.Run noServer = JarRunner.inProcess("hub", "simulate", "meeting", "--config", cfg.toString());
        assertThat(noServer.exit()).isEqualTo(1);
        assertThat(noServer.err()).contains("start `scribehook serve`");
        JarRunner.Run bad =
                JarRunner.inProcess("hub", "simulate", "meeting", "--participants", "1", "--config", cfg.toString());
        assertThat(bad.exit()).isEqualTo(2);
    }
}
