package io.scribehook.app.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.scribehook.app.JarRunner;
import io.scribehook.app.ScribehookApp;
import io.scribehook.app.config.AppConfig;
import io.scribehook.core.config.ConfigSource;
import io.scribehook.core.crypto.DataKeys;
import io.scribehook.receiver.healthie.HealthieStandIn;
import io.scribehook.store.Database;
import io.scribehook.store.DatabaseSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code scribehook scribe reconcile} in-process against a running receiver (admin route, progress,
 * processing by its workers) and without one (the database directly), with the Healthie stand-in
 * over HTTP: a webhook the sender logged but the receiver never got, and a completed transcript
 * never processed.
 */
class ReconcileCliTest {
    private static final String VTT = """
            WEBVTT

            1
            00:00:00.000 --> 00:00:04.000
            Dr. Ada Chen: Good morning, what brings you in?

            2
            00:00:04.500 --> 00:00:08.000
            Jordan Ellis: My knee has hurt since the hike.
            """;

    @Test
    void findsBothKindsThroughTheRunningServerProcessesThemAndExitsZero() {
        try (ReceiverHarness h = ReceiverHarness.start(
                Map.of("SCRIBEHOOK_DATA_KEY", DataKeys.generate("k1", new SecureRandom())), Clock.systemUTC())) {
            missedWork(h.standIn, "9701", "9702");
            Path config = config(Map.of("SCRIBEHOOK_ADMIN_TOKEN", ReceiverHarness.ADMIN));

            JarRunner.Run run = cli(
                    config, "scribe", "reconcile", "--since", "1d", "--wait", "60s", "--json", "--server", h.base());

            assertThat(run.exit()).as(run.err() + run.out()).isZero();
            JsonNode report = ReceiverHarness.json(run.out());
            assertThat(report.path("missed"))
                    .extracting(m -> m.path("appointment_id").asText() + ":"
                            + m.path("reason").asText())
                    .containsExactlyInAnyOrder("9702:not_received", "9701:transcript_not_processed");
            assertThat(report.path("unprocessed")).isEmpty();
            assertThat(report.path("ok").asBoolean()).isTrue();
            assertThat(run.err()).as("--json: no progress").doesNotContain("Reconcile");
            assertThat(h.adminJson("/api/scribe/appointments/9701")
                            .path("scribe")
                            .path("state")
                            .asText())
                    .isEqualTo("drafted");
            assertThat(h.adminJson("/api/receiver/appointments/9702").toString())
                    .contains("9702");

            JarRunner.Run text =
                    cli(config, "scribe", "reconcile", "--since", "1d", "--wait", "30s", "--server", h.base());
            assertThat(text.exit()).as(text.err()).isZero();
            assertThat(text.out())
                    .contains("appointment ids where webhooks were expected but not received")
                    .contains("9702  not_received")
                    .doesNotContain("9701")
                    .contains("everything found was processed");
            assertThat(text.err()).contains("Reconcile processing: 1/1 (100%)");
        }
    }

    @Test
    void withoutAServerItQueuesInTheDatabaseListsTheIdsAndExitsOne() {
        Path dataDir = ReceiverHarness.freshDir();
        serveOnce(dataDir);
        try (HealthieStandIn standIn = HealthieStandIn.start()) {
            missedWork(standIn, "9801", "9802");
            Path config = config(Map.of(
                    "SCRIBEHOOK_DATA_DIR", dataDir.toString(),
                    "SCRIBEHOOK_HEALTHIE_API_URL", standIn.endpoint().toString(),
                    "SCRIBEHOOK_HEALTHIE_API_KEY", "k"));

            JarRunner.Run run = cli(config, "scribe", "reconcile", "--since", "1d");

            assertThat(run.exit()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).contains("no server at");
            assertThat(run.out())
                    .contains("9801  transcript_not_processed")
                    .contains("9802  not_received")
                    .contains("left unprocessed: ");
            try (Database db = Database.open(DatabaseSettings.of("jdbc:sqlite:" + dataDir.resolve("scribehook.db")))) {
                List<String> pending = db.withHandle(x -> x.createQuery(
                                "SELECT kind || ':' || payload FROM jobs WHERE state IN ('available', 'retryable') "
                                        + "AND kind IN ('refresh', 'scribe-transcript')")
                        .mapTo(String.class)
                        .list());
                assertThat(pending).containsExactlyInAnyOrder("scribe-transcript:9801", "refresh:9802");
            }
        }
    }

    @Test
    void aBadSinceIsAUsageError() {
        JarRunner.Run run = cli(config(Map.of()), "scribe", "reconcile", "--since", "yesterday");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--since 'yesterday'");
    }

    /** {@code transcriptAppointment} has a completed transcript; {@code webhookAppointment} a sent webhook the log lacks. */
    private static void missedWork(HealthieStandIn standIn, String transcriptAppointment, String webhookAppointment) {
        Instant now = Instant.now();
        String date = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z")
                .withZone(ZoneOffset.UTC)
                .format(now.minus(Duration.ofHours(2)));
        for (String id : List.of(transcriptAppointment, webhookAppointment)) {
            standIn.putAppointment(id, HealthieStandIn.sampleAppointment(id).put("date", date));
        }
        String tid = "tr-" + transcriptAppointment;
        standIn.putTranscriptFile(tid, VTT);
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        list.add(HealthieStandIn.transcript(
                tid, "completed", "processed_recording", HealthieStandIn.fileUrl(tid), null, null));
        standIn.putTranscripts(transcriptAppointment, list);
        standIn.putSentWebhook(
                "s-" + webhookAppointment,
                "appointment.updated",
                webhookAppointment,
                503,
                now.minus(Duration.ofHours(1)));
    }

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
}
