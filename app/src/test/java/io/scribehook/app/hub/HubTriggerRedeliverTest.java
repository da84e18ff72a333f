package io.scribehook.app.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.scribehook.app.JarRunner;
import io.scribehook.app.ScribehookApp;
import io.scribehook.app.config.AppConfig;
import io.scribehook.core.config.ConfigSource;
import io.scribehook.core.event.EventTypes;
import io.scribehook.delivery.registry.RegistryResult;
import io.scribehook.delivery.registry.WebhookInput;
import io.scribehook.hub.appointments.RecordingFile;
import io.scribehook.hub.appointments.RecordingFiles;
import io.scribehook.hub.appointments.Transcript;
import io.scribehook.hub.appointments.Transcripts;
import io.scribehook.store.testing.PostgresTestDatabase;
import io.scribehook.store.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code scribehook hub trigger} and {@code hub redeliver} through the running server's admin API,
 * with real deliveries (through the outbox) to an HTTP endpoint, on SQLite and PostgreSQL.
 */
class HubTriggerRedeliverTest {
    private static final String ADMIN = "admin-token-for-tests-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One delivery the endpoint received. */
    record Got(String eventType, String resourceId, String webhookId) {}

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void triggerEveryAppointmentEventThenRedeliver(String kind) throws Exception {
        List<Got> got = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger answer = new AtomicInteger(200);
        HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sink.createContext("/hooks", ex -> {
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            got.add(new Got(
                    body.path("event_type").asText(),
                    body.path("resource_id").asText(),
                    ex.getRequestHeaders().getFirst("Webhook-Id")));
            ex.sendResponseHeaders(answer.get(), -1);
            ex.close();
        });
        sink.start();
        PostgresTestDatabase pg = kind.equals("postgres") ? PostgresTestDatabase.create() : null;
        Map<String, String> v = new LinkedHashMap<>();
        v.put("SCRIBEHOOK_HTTP_PORT", Integer.toString(freePort()));
        v.put("SCRIBEHOOK_DATA_DIR", TestDatabases.newFolder("hub-trigger").toString());
        v.put("SCRIBEHOOK_ROLES", "hub");
        v.put("SCRIBEHOOK_ADMIN_TOKEN", ADMIN);
        v.put("SCRIBEHOOK_HUB_ALLOWED_TARGETS", "127.0.0.1/32");
        v.put("SCRIBEHOOK_JOB_POLL_INTERVAL", "200ms");
        if (pg != null) {
            v.put("SCRIBEHOOK_DATABASE_URL", pg.jdbcUrl());
        }
        Path cfg = configFile(v);
        try (ScribehookApp app = ScribehookApp.start(
                AppConfig.from(ConfigSource.of(v)),
                Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            List<String> family = List.copyOf(EventTypes.appointmentFamily());
            assertThat(app.delivery()
                            .registry()
                            .create(WebhookInput.of(
                                            "http://127.0.0.1:"
                                                    + sink.getAddress().getPort() + "/hooks",
                                            family)
                                    .withShouldRetry(false)))
                    .isInstanceOf(RegistryResult.Saved.class);

            // the first trigger creates appointment 500, with the id asked for
            JarRunner.Run first = cli(cfg, "hub", "trigger", "appointment.recording_started", "--appointment", "500");
            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.out())
                    .contains("created appointment 500 (fixture)")
                    .contains("triggered appointment.recording_started for appointment 500");
            JarRunner.Run transcript =
                    cli(cfg, "hub", "trigger", "appointment.transcript_available", "--appointment", "500");
            assertThat(transcript.out()).containsPattern("created transcript \\d+ \\(fixture\\)");
            assertThat(transcript.out()).doesNotContain("created appointment");
            JarRunner.Run again =
                    cli(cfg, "hub", "trigger", "appointment.transcript_available", "--appointment", "500", "--json");
            assertThat(JSON.readTree(again.out()).path("created")).isEmpty();
            JarRunner.Run recording =
                    cli(cfg, "hub", "trigger", "appointment.recording_completed", "--appointment", "500");
            assertThat(recording.out()).contains("created recording file trigger-500-mp4 (MP4) (fixture)");
            JarRunner.Run joined = cli(cfg, "hub", "trigger", "appointment.participant_joined", "--appointment", "500");
            assertThat(joined.out()).contains("created attendance (joined) (fixture)");
            for (String type : family) {
                if (!type.equals(EventTypes.APPOINTMENT_DELETED)) {
                    JarRunner.Run r = cli(cfg, "hub", "trigger", type, "--appointment", "500");
                    assertThat(r.exit()).as(type + ": " + r.err()).isZero();
                }
            }
            List<Transcript> transcripts =
                    app.database().withHandle(h -> Transcripts.forAppointment(h, 500, null, "completed"));
            assertThat(transcripts).hasSize(1);
            List<RecordingFile> files = app.database().withHandle(h -> RecordingFiles.forAppointment(h, 500));
            assertThat(files).extracting(RecordingFile::fileType).containsExactlyInAnyOrder("MP4", "M4A");
            JarRunner.Run deleted = cli(cfg, "hub", "trigger", "appointment.deleted", "--appointment", "500");
            assertThat(deleted.exit()).isZero();
            assertThat(app.hub().orElseThrow().appointments().find(500)).isEmpty();
            JarRunner.Run afterDelete = cli(cfg, "hub", "trigger", "appointment.created", "--appointment", "500");
            assertThat(afterDelete.exit()).isEqualTo(1);
            assertThat(afterDelete.err()).contains("appointment 500 was deleted");

            // a new appointment, past the id asked for before (PostgreSQL's sequence moved on)
            JarRunner.Run fresh = cli(cfg, "hub", "trigger", "appointment.created", "--json");
            long freshId = JSON.readTree(fresh.out()).path("appointment_id").asLong();
            assertThat(freshId).isGreaterThan(500);

            JarRunner.Run unknown = cli(cfg, "hub", "trigger", "form.created", "--appointment", "500");
            assertThat(unknown.exit()).isEqualTo(2);
            assertThat(unknown.err()).contains("appointment.transcript_available", "appointment.patient_removed");

            // every appointment event arrived through the outbox
            await().atMost(Duration.ofSeconds(30)).until(() -> types(got, "500").containsAll(family));
            assertThat(types(got, Long.toString(freshId))).containsExactly("appointment.created");

            // redeliver one event: the same Webhook-Id again
            long eventId = app.database()
                    .withHandle(h -> h.createQuery("SELECT id FROM delivery_events WHERE event_type ="
                                    + " 'appointment.recording_started' AND resource_id = '500' ORDER BY id LIMIT 1")
                            .mapTo(Long.class)
                            .one());
            String webhookId = "msg_"
                    + app.database()
                            .withHandle(h -> h.createQuery("SELECT id FROM delivery_messages WHERE event_id = :e")
                                    .bind("e", eventId)
                                    .mapTo(Long.class)
                                    .one());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> messageStatus(app, eventId).equals("delivered"));
            JarRunner.Run one = cli(cfg, "hub", "redeliver", "--event", Long.toString(eventId), "--json");
            assertThat(one.exit()).as(one.err()).isZero();
            assertThat(JSON.readTree(one.out()).path("queued").asInt()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> ids(got, "appointment.recording_started").stream()
                                    .filter(webhookId::equals)
                                    .count()
                            == 2);

            // a failed delivery (400: permanent) and then --failed --since
            answer.set(400);
            JarRunner.Run failing = cli(cfg, "hub", "trigger", "appointment.patient_added", "--json");
            String failingId =
                    JSON.readTree(failing.out()).path("appointment_id").asText();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> types(got, failingId).contains("appointment.patient_added"));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> app.database()
                                    .withHandle(h -> h.createQuery(
                                                    "SELECT count(*) FROM delivery_messages WHERE status = 'failed'")
                                            .mapTo(Integer.class)
                                            .one())
                            == 1);
            answer.set(200);
            JarRunner.Run failed = cli(cfg, "hub", "redeliver", "--failed", "--since", "1h");
            assertThat(failed.exit()).as(failed.err()).isZero();
            assertThat(failed.out().strip()).isEqualTo("1 delivery queued again");
            assertThat(failed.err()).contains("Redelivering (time slices): 10/10 (100%)");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> got.stream()
                                    .filter(g -> g.resourceId().equals(failingId))
                                    .count()
                            == 2);
            JarRunner.Run none = cli(cfg, "hub", "redeliver", "--failed", "--since", "1h", "--until", "30m");
            assertThat(none.out().strip()).isEqualTo("0 deliveries queued again");
            assertThat(cli(cfg, "hub", "redeliver", "--failed").exit()).isEqualTo(2);
            assertThat(cli(cfg, "hub", "redeliver", "--event", "1", "--since", "1h")
                            .exit())
                    .isEqualTo(2);
        } finally {
            sink.stop(0);
            if (pg != null) {
                pg.close();
            }
        }
        JarRunner.Run noServer = cli(cfg, "hub", "trigger", "appointment.created");
        assertThat(noServer.exit()).isEqualTo(1);
        assertThat(noServer.err()).contains("start `scribehook serve`");
    }

    private static String messageStatus(ScribehookApp app, long eventId) {
        return app.database()
                .withHandle(h -> h.createQuery("SELECT status FROM delivery_messages WHERE event_id = :e")
                        .bind("e", eventId)
                        .mapTo(String.class)
                        .one());
    }

    private static List<String> types(List<Got> got, String resourceId) {
        synchronized (got) {
            return got.stream()
                    .filter(g -> g.resourceId().equals(resourceId))
                    .map(Got::eventType)
                    .distinct()
                    .toList();
        }
    }

    private static List<String> ids(List<Got> got, String type) {
        synchronized (got) {
            return got.stream()
                    .filter(g -> g.eventType().equals(type) && g.resourceId().equals("500"))
                    .map(Got::webhookId)
                    .toList();
        }
    }

    private static JarRunner.Run cli(Path cfg, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(cfg.toString());
        return JarRunner.inProcess(all.toArray(String[]::new));
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

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
