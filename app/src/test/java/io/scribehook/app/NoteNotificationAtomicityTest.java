package io.scribehook.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scribehook.core.crypto.DataKeys;
import io.scribehook.core.crypto.FieldCipher;
import io.scribehook.core.event.BodyShape;
import io.scribehook.core.event.EventTypes;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.delivery.DeliveryEngine;
import io.scribehook.delivery.Outbox;
import io.scribehook.delivery.registry.WebhookInput;
import io.scribehook.delivery.registry.WebhookRegistry;
import io.scribehook.receiver.healthie.HealthieClient;
import io.scribehook.receiver.healthie.HealthieStandIn;
import io.scribehook.receiver.healthie.TranscriptDownloader;
import io.scribehook.receiver.inbox.Jobs;
import io.scribehook.receiver.scribe.HealthieScribeSource;
import io.scribehook.receiver.scribe.NoteDrafted;
import io.scribehook.receiver.scribe.ScribeSetup;
import io.scribehook.receiver.scribe.TranscriptJob;
import io.scribehook.store.Database;
import io.scribehook.store.queue.Job;
import io.scribehook.store.queue.JobOutcome;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.QueueSettings;
import io.scribehook.store.testing.PostgresTestDatabase;
import io.scribehook.store.testing.TestDatabases;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A crash between storing a note version and announcing it: the announcement goes through the
 * delivery outbox in the note's transaction, so when that transaction dies after both inserts,
 * neither the note nor the event (nor its delivery message and job) exists; the re-run stores one
 * note and one announcement. On SQLite and PostgreSQL.
 */
class NoteNotificationAtomicityTest {
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
    void aNoteAndItsNotificationCommitTogetherOnSqlite() {
        try (Database db = Database.open(TestDatabases.sqliteSettings())) {
            crashThenRerun(db);
        }
    }

    @Test
    void aNoteAndItsNotificationCommitTogetherOnPostgres() {
        try (PostgresTestDatabase pg = PostgresTestDatabase.create()) {
            try (Database db = pg.open()) {
                crashThenRerun(db);
            }
        }
    }

    private static void crashThenRerun(Database db) {
        Clock clock = Clock.systemUTC();
        try (HealthieStandIn standIn = HealthieStandIn.start();
                HealthieClient client = new HealthieClient(standIn.settings("k"), clock);
                TranscriptDownloader downloader = new TranscriptDownloader(Duration.ofSeconds(10), 1 << 20)) {
            String id = "9601";
            standIn.putAppointment(id, HealthieStandIn.sampleAppointment(id));
            standIn.putTranscriptFile("tr-9601", VTT);
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            list.add(HealthieStandIn.transcript(
                    "tr-9601",
                    "completed",
                    "processed_recording",
                    HealthieStandIn.fileUrl("tr-9601"),
                    "2026-03-02T15:00:05Z",
                    "2026-03-02T15:30:00Z"));
            standIn.putTranscripts(id, list);

            JobQueue queue = new JobQueue(db, QueueSettings.defaults(), clock);
            DeliveryEngine delivery = DeliveryEngine.builder(queue).clock(clock).build();
            Outbox outbox = delivery.outbox();
            new WebhookRegistry(db, clock)
                    .create(WebhookInput.of(
                            "https://subscriber.example/hooks", List.of(EventTypes.SCRIBE_NOTE_DRAFTED)));
            FieldCipher cipher = new FieldCipher(DataKeys.parse(DataKeys.generate("k1", new SecureRandom())));
            HealthieScribeSource source = new HealthieScribeSource(client, downloader);

            NoteDrafted crashing = (h, appointmentId, version) -> {
                outbox.enqueue(
                        h,
                        ThinEvent.of(EventTypes.SCRIBE_NOTE_DRAFTED, appointmentId, "Appointment", BodyShape.REFERENCE)
                                .withNoteVersion(version));
                assertThat(count(h, "scribe_notes"))
                        .as("the note is inserted before the crash")
                        .isEqualTo(1);
                assertThat(count(h, "delivery_events")).as("so is the event").isEqualTo(1);
                throw new IllegalStateException("crash between note storage and notification");
            };
            ScribeSetup offline = ScribeWiring.offline(outbox);
            TranscriptJob dying = job(
                    db,
                    queue,
                    source,
                    cipher,
                    clock,
                    new ScribeSetup(offline.pipeline(), offline.template(), crashing));
            queue.offer(Jobs.scribeTranscript(id));
            Job first = queue.claim(Jobs.QUEUE, "test", 1).get(0);
            assertThatThrownBy(() -> dying.handle(first))
                    .hasStackTraceContaining("crash between note storage and notification");

            assertThat(rows(db, "scribe_notes")).isZero();
            assertThat(rows(db, "scribe_turns")).isZero();
            assertThat(rows(db, "delivery_events")).isZero();
            assertThat(rows(db, "delivery_messages")).isZero();
            assertThat(queue.find(first.id()).orElseThrow().state().name()).isEqualToIgnoringCase("running");

            TranscriptJob healthy = job(db, queue, source, cipher, clock, offline);
            queue.offer(Jobs.scribeTranscript(id));
            Job again = queue.claim(Jobs.QUEUE, "test", 1).get(0);
            assertThat(healthy.handle(again)).isInstanceOf(JobOutcome.Completed.class);
            assertThat(rows(db, "scribe_notes")).isEqualTo(1);
            assertThat(rows(db, "delivery_events")).isEqualTo(1);
            assertThat(rows(db, "delivery_messages")).isEqualTo(1);
            String body = db.withHandle(h -> h.createQuery("SELECT body FROM delivery_events")
                    .mapTo(String.class)
                    .one());
            assertThat(body).contains("\"note_version\":1").contains("\"resource_id\":\"" + id + "\"");
        }
    }

    private static TranscriptJob job(
            Database db,
            JobQueue queue,
            HealthieScribeSource source,
            FieldCipher cipher,
            Clock clock,
            ScribeSetup setup) {
        return new TranscriptJob(
                db,
                queue,
                source,
                source,
                setup,
                Optional.of(cipher),
                Duration.ofHours(24),
                clock,
                new SimpleMeterRegistry());
    }

    private static int rows(Database db, String table) {
        return db.jdbi().withHandle(h -> count(h, table));
    }

    private static int count(org.jdbi.v3.core.Handle h, String table) {
        return h.createQuery("SELECT count(*) FROM " + table)
                .mapTo(Integer.class)
                .one();
    }
}
