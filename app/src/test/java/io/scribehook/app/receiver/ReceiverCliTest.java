package io.scribehook.app.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scribehook.app.JarRunner;
import io.scribehook.app.ScribehookApp;
import io.scribehook.app.config.AppConfig;
import io.scribehook.core.config.ConfigSource;
import io.scribehook.receiver.healthie.HealthieStandIn;
import io.scribehook.signatures.Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The receiver's CLI in-process: argument checks before any call, the database fallback, replay of a duplicate. */
class ReceiverCliTest {

    /** Writes a config file with these keys; the port is one nothing listens on unless given. */
    private static Path config(Map<String, String> keys) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("SCRIBEHOOK_HTTP_PORT", Integer.toString(freePort()));
        all.putAll(keys);
        Path file = ReceiverHarness.freshDir().resolve("cli.properties");
        try {
            Files.writeString(
                    file,
                    all.entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .collect(Collectors.joining("\n")) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JarRunner.Run cli(Path config, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString()));
        return JarRunner.inProcess(all.toArray(String[]::new));
    }

    /** Creates the database of a data dir as {@code serve} would, then stops. */
    private static void serveOnce(Path dataDir) {
        Map<String, String> v = Map.of(
                "SCRIBEHOOK_HTTP_PORT",
                "0",
                "SCRIBEHOOK_DATA_DIR",
                dataDir.toString(),
                "SCRIBEHOOK_ROLES",
                "receiver",
                "SCRIBEHOOK_ADMIN_TOKEN",
                ReceiverHarness.ADMIN);
        ScribehookApp.start(
                        AppConfig.from(ConfigSource.of(v)),
                        Clock.systemUTC(),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .close();
    }

    @Test
    void registerAndUpdateCheckTheUrlAndEventTypesBeforeCallingTheApi() {
        try (HealthieStandIn standIn = HealthieStandIn.start()) {
            Path cfg = config(Map.of(
                    "SCRIBEHOOK_HEALTHIE_API_URL",
                    standIn.endpoint().toString(),
                    "SCRIBEHOOK_HEALTHIE_API_KEY",
                    "k",
                    "SCRIBEHOOK_DATA_DIR",
                    ReceiverHarness.freshDir().resolve("data").toString()));
            for (String bad : List.of(
                    "scribe.example.com/healthie-webhooks",
                    "ftp://scribe.example.com/h",
                    "https:///healthie-webhooks",
                    "/healthie-webhooks")) {
                JarRunner.Run r = cli(cfg, "receiver", "register", "--url", bad);
                assertThat(r.exit()).as(bad).isEqualTo(2);
                assertThat(r.err()).contains("'" + bad + "'").contains("absolute http(s) URL with a host");
                JarRunner.Run u = cli(cfg, "receiver", "webhooks", "update", "7", "--url", bad);
                assertThat(u.exit()).as(bad).isEqualTo(2);
                assertThat(u.err()).contains("'" + bad + "'");
            }
            JarRunner.Run shortName = cli(
                    cfg,
                    "receiver",
                    "register",
                    "--url",
                    "https://scribe.example.com/h",
                    "--events",
                    "appointment.recording_started,transcript_available");
            assertThat(shortName.exit()).isEqualTo(2);
            assertThat(shortName.err())
                    .contains("'transcript_available'")
                    .contains("did you mean appointment.transcript_available?");
            JarRunner.Run unknown = cli(cfg, "receiver", "webhooks", "update", "7", "--events", "appointment.exploded");
            assertThat(unknown.exit()).isEqualTo(2);
            assertThat(unknown.err())
                    .contains("'appointment.exploded'")
                    .contains("expected one of appointment.transcript_available");
            assertThat(standIn.requestCount())
                    .as("no API call for a usage error")
                    .isZero();

            JarRunner.Run ok = cli(
                    cfg,
                    "receiver",
                    "register",
                    "--url",
                    "https://scribe.example.com/h",
                    "--events",
                    "appointment.transcript_available,appointment.transcript_available,appointment.created");
            assertThat(ok.exit()).as(ok.err()).isZero();
            assertThat(ok.out()).contains("events appointment.transcript_available,appointment.created");
            assertThat(standIn.webhookCount()).isEqualTo(1);
        }
    }

    @Test
    void withNoServerAndNoDataDirNothingIsCreatedAndTheMessageSaysServeCreatesIt() {
        Path dataDir = ReceiverHarness.freshDir().resolve("not-yet");
        Path cfg = config(Map.of("SCRIBEHOOK_DATA_DIR", dataDir.toString()));
        for (String[] args : List.of(
                new String[] {"receiver", "secrets", "list"},
                new String[] {"receiver", "secrets", "add", "--secret", "s3cr3t-value"},
                new String[] {"receiver", "replay", "--failed"},
                new String[] {"receiver", "replay", "12"})) {
            JarRunner.Run r = cli(cfg, args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err())
                    .contains(dataDir.toString())
                    .contains("`scribehook serve` creates it")
                    .doesNotContain("\tat ");
            assertThat(dataDir).doesNotExist();
        }
    }

    @Test
    void registerSaveChecksWhereTheSecretWillGoBeforeCreatingTheWebhook() {
        try (HealthieStandIn standIn = HealthieStandIn.start()) {
            Path cfg = config(Map.of(
                    "SCRIBEHOOK_HEALTHIE_API_URL",
                    standIn.endpoint().toString(),
                    "SCRIBEHOOK_DATA_DIR",
                    ReceiverHarness.freshDir().resolve("not-yet").toString()));
            JarRunner.Run r = cli(cfg, "receiver", "register", "--url", "https://scribe.example.com/h", "--save");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("`scribehook serve` creates it");
            assertThat(standIn.webhookCount()).isZero();
        }
    }

    @Test
    void theDatabaseFallbackSaysSoInOneLineAndListsEnvironmentSecretsWithTheirSource() {
        Path dataDir = ReceiverHarness.freshDir().resolve("data");
        serveOnce(dataDir);
        Path cfg = config(Map.of(
                "SCRIBEHOOK_DATA_DIR",
                dataDir.toString(),
                "SCRIBEHOOK_WEBHOOK_SECRETS",
                "first-env-secret,second-env-secret"));
        JarRunner.Run add = cli(cfg, "receiver", "secrets", "add", "--key-id", "kept-1", "--secret", "db-secret-value");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).contains("secret saved as kept-1 in the database");

        JarRunner.Run list = cli(cfg, "receiver", "secrets", "list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.err().lines().toList())
                .singleElement()
                .asString()
                .matches(
                        "scribehook: no server at http://127\\.0\\.0\\.1:\\d+; using the database at jdbc:sqlite:.*scribehook\\.db directly");
        assertThat(list.out())
                .containsPattern("env-1\\s+environment")
                .containsPattern("env-2\\s+environment")
                .containsPattern("kept-1\\s+database")
                .doesNotContain("env-secret")
                .doesNotContain("db-secret-value");
        JarRunner.Run json = cli(cfg, "receiver", "secrets", "list", "--json");
        JsonNode secrets = ReceiverHarness.json(json.out()).get("secrets");
        assertThat(secrets).hasSize(3);
        assertThat(secrets.get(0).get("source").asText()).isEqualTo("environment");
        assertThat(secrets.get(2).get("source").asText()).isEqualTo("database");

        JarRunner.Run deleted = cli(cfg, "receiver", "secrets", "delete", "kept-1");
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(cli(cfg, "receiver", "secrets", "list").out()).doesNotContain("kept-1");
        assertThat(cli(cfg, "receiver", "secrets", "delete", "kept-1").exit()).isEqualTo(1);
        assertThat(cli(cfg, "receiver", "secrets", "delete", "env-1").exit()).isEqualTo(2);
    }

    @Test
    void throughTheServerEnvironmentSecretsAreListedWithTheirSourceAndNoFallbackNotice() {
        try (ReceiverHarness h = ReceiverHarness.start(Map.of(), Clock.systemUTC())) {
            Path cfg = config(Map.of(
                    "SCRIBEHOOK_HTTP_PORT",
                    Integer.toString(h.app.port()),
                    "SCRIBEHOOK_ADMIN_TOKEN",
                    ReceiverHarness.ADMIN,
                    "SCRIBEHOOK_DATA_DIR",
                    h.app.config().dataDir().toString()));
            JarRunner.Run list = cli(cfg, "receiver", "secrets", "list");
            assertThat(list.exit()).as(list.err()).isZero();
            assertThat(list.err()).isEmpty();
            assertThat(list.out()).containsPattern("env-1\\s+environment").doesNotContain(ReceiverHarness.SECRET);

            assertThat(cli(cfg, "receiver", "secrets", "add", "--key-id", "old-1", "--secret", "old-secret-value")
                            .exit())
                    .isZero();
            JarRunner.Run deleted = cli(cfg, "receiver", "secrets", "delete", "old-1");
            assertThat(deleted.exit()).as(deleted.err()).isZero();
            assertThat(deleted.err()).isEmpty();
            assertThat(cli(cfg, "receiver", "secrets", "list").out()).doesNotContain("old-1");
            JarRunner.Run missing = cli(cfg, "receiver", "secrets", "delete", "old-1");
            assertThat(missing.exit()).isEqualTo(1);
            assertThat(missing.err()).contains("404");
        }
    }

    @Test
    void replayRefusesSinceWithAnIdAndABadDuration() {
        Path cfg =
                config(Map.of("SCRIBEHOOK_DATA_DIR", ReceiverHarness.freshDir().toString()));
        JarRunner.Run both = cli(cfg, "receiver", "replay", "12", "--since", "1h");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("--since applies to --failed only");
        JarRunner.Run bad = cli(cfg, "receiver", "replay", "--failed", "--since", "last tuesday");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("'last tuesday'");
    }

    @Test
    void replayingADuplicateSaysWhichOriginalIsQueuedThroughTheServerAndTheDatabase() {
        Path cfg;
        long original;
        long duplicate;
        try (ReceiverHarness h = ReceiverHarness.start(Map.of(), Clock.systemUTC())) {
            h.standIn.putAppointment("3001", HealthieStandIn.sampleAppointment("3001"));
            String body =
                    "{\"resource_id\":\"3001\",\"resource_id_type\":\"Appointment\",\"event_type\":\"appointment.updated\",\"changed_fields\":[]}";
            assertThat(h.send(Profile.GUIDE, body).statusCode()).isEqualTo(200);
            original = h.newest().get("id").asLong();
            h.awaitStatus(original, "processed");
            assertThat(h.send(Profile.GUIDE, body).statusCode()).isEqualTo(200);
            JsonNode dup = h.newest();
            duplicate = dup.get("id").asLong();
            assertThat(dup.get("duplicate_of").asLong()).isEqualTo(original);

            JsonNode answer =
                    ReceiverHarness.json(h.admin("POST", "/api/receiver/webhooks/" + duplicate + "/replay", null)
                            .body());
            assertThat(answer.get("webhook_id").asLong()).isEqualTo(duplicate);
            assertThat(answer.get("queued_webhook_id").asLong()).isEqualTo(original);
            h.awaitStatus(original, "processed");

            cfg = config(Map.of(
                    "SCRIBEHOOK_HTTP_PORT",
                    Integer.toString(h.app.port()),
                    "SCRIBEHOOK_ADMIN_TOKEN",
                    ReceiverHarness.ADMIN,
                    "SCRIBEHOOK_DATA_DIR",
                    h.app.config().dataDir().toString()));
            JarRunner.Run viaServer = cli(cfg, "receiver", "replay", Long.toString(duplicate));
            assertThat(viaServer.exit()).as(viaServer.err()).isZero();
            assertThat(viaServer.out())
                    .startsWith("webhook " + duplicate + " is a duplicate of " + original + "; queued " + original
                            + " (job ");
            JarRunner.Run plain = cli(cfg, "receiver", "replay", Long.toString(original));
            assertThat(plain.out()).startsWith("webhook " + original + " queued (job ");
            h.awaitStatus(original, "processed");
        }
        JarRunner.Run viaDatabase = cli(cfg, "receiver", "replay", Long.toString(duplicate));
        assertThat(viaDatabase.exit()).as(viaDatabase.err()).isZero();
        assertThat(viaDatabase.err()).contains("no server at").contains("using the database at");
        assertThat(viaDatabase.out())
                .startsWith("webhook " + duplicate + " is a duplicate of " + original + "; queued " + original
                        + " in the database");
    }

    /** Marks every webhook in the log failed, as a run of failed processing would. */
    private static int markAllFailed(ReceiverHarness h) {
        return h.app.database()
                .withHandle(hd -> hd.createUpdate("UPDATE receiver_webhooks SET status = 'failed'")
                        .execute());
    }

    @Test
    void replayOfManyFailedShowsProgressLinesOnStderrThroughTheServerAndTheDatabase() {
        int webhooks = 30;
        Path cfg;
        try (ReceiverHarness h = ReceiverHarness.start(Map.of(), Clock.systemUTC())) {
            for (int i = 0; i < webhooks; i++) {
                String id = Integer.toString(5000 + i);
                h.standIn.putAppointment(id, HealthieStandIn.sampleAppointment(id));
                String body = "{\"resource_id\":\"" + id
                        + "\",\"resource_id_type\":\"Appointment\",\"event_type\":\"appointment.updated\",\"changed_fields\":[]}";
                assertThat(h.send(Profile.GUIDE, body).statusCode()).isEqualTo(200);
            }
            h.awaitIdle();
            assertThat(markAllFailed(h)).isEqualTo(webhooks);
            cfg = config(Map.of(
                    "SCRIBEHOOK_HTTP_PORT",
                    Integer.toString(h.app.port()),
                    "SCRIBEHOOK_ADMIN_TOKEN",
                    ReceiverHarness.ADMIN,
                    "SCRIBEHOOK_DATA_DIR",
                    h.app.config().dataDir().toString()));

            JarRunner.Run viaServer = cli(cfg, "receiver", "replay", "--failed", "--since", "1h");
            assertThat(viaServer.exit()).as(viaServer.err()).isZero();
            assertThat(viaServer.out()).isEqualTo(webhooks + " webhooks queued\n");
            List<String> progress = viaServer.err().lines().toList();
            assertThat(progress.getFirst()).isEqualTo("Replaying: 0/" + webhooks + " (0%)");
            assertThat(progress.getLast())
                    .matches("Replaying: " + webhooks + "/" + webhooks + " \\(100%\\) in \\d+s, \\d+\\.\\d/s");
            h.awaitIdle();
            assertThat(h.adminJson("/api/receiver/webhooks?status=processed&limit=100")
                            .get("items")
                            .size())
                    .as("every replayed webhook processed again")
                    .isEqualTo(webhooks);

            markAllFailed(h);
            JarRunner.Run json = cli(cfg, "receiver", "replay", "--failed", "--json");
            assertThat(json.exit()).as(json.err()).isZero();
            assertThat(json.err()).as("no progress under --json").isEmpty();
            JsonNode answer = ReceiverHarness.json(json.out());
            assertThat(answer.get("replayed").asInt()).isEqualTo(webhooks);
            assertThat(answer.get("webhook_ids")).hasSize(webhooks);
            h.awaitIdle();
            markAllFailed(h);
        }
        JarRunner.Run viaDatabase = cli(cfg, "receiver", "replay", "--failed");
        assertThat(viaDatabase.exit()).as(viaDatabase.err()).isZero();
        assertThat(viaDatabase.out()).isEqualTo(webhooks + " webhooks queued in the database\n");
        assertThat(viaDatabase.err())
                .contains("using the database at")
                .contains("Replaying: 0/" + webhooks + " (0%)")
                .contains("Replaying: " + webhooks + "/" + webhooks + " (100%) in ");
    }
}
