package io.scribehook.receiver.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scribehook.core.crypto.DataKeys;
import io.scribehook.core.crypto.FieldCipher;
import io.scribehook.core.time.ManualClock;
import io.scribehook.receiver.healthie.HealthieClient;
import io.scribehook.receiver.healthie.HealthieStandIn;
import io.scribehook.receiver.healthie.TranscriptDownloader;
import io.scribehook.receiver.inbox.Jobs;
import io.scribehook.receiver.inbox.NewWebhook;
import io.scribehook.receiver.inbox.WebhookLog;
import io.scribehook.receiver.inbox.WebhookStatus;
import io.scribehook.receiver.process.WebhookProcessor;
import io.scribehook.receiver.scribe.HealthieScribeSource;
import io.scribehook.receiver.scribe.NoteDrafted;
import io.scribehook.receiver.scribe.ScribeSetup;
import io.scribehook.receiver.scribe.TranscriptJob;
import io.scribehook.scribe.ScribePipeline;
import io.scribehook.scribe.note.NoteTemplates;
import io.scribehook.store.Database;
import io.scribehook.store.queue.Job;
import io.scribehook.store.queue.JobHandlers;
import io.scribehook.store.queue.JobOutcome;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.QueueSettings;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reconcile against the Healthie stand-in over HTTP and a real database: both kinds of missed
 * webhooks are found (a sent webhook absent from or refused in the local log; a completed transcript
 * never processed or given up as {@code transcript_missing}), queued, and processed by the real
 * handlers. One subclass per database.
 */
abstract class ReconcileContract {
    static final String VTT = """
            WEBVTT

            1
            00:00:00.000 --> 00:00:04.000
            Dr. Ada Chen: Good morning, what brings you in?

            2
            00:00:04.500 --> 00:00:08.000
            Jordan Ellis: My knee has hurt since the hike.
            """;
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    final Instant now = clock.instant();
    HealthieStandIn standIn;
    Database db;
    JobQueue queue;
    HealthieClient client;
    TranscriptDownloader downloader;
    JobHandlers handlers;
    Reconciler reconciler;

    abstract Database openDatabase();

    void afterDatabaseClosed() {}

    @BeforeEach
    void start() {
        standIn = HealthieStandIn.start().appointmentsPageSize(2);
        db = openDatabase();
        queue = new JobQueue(db, QueueSettings.defaults(), clock);
        client = new HealthieClient(standIn.settings("test-key"), clock);
        downloader = new TranscriptDownloader(Duration.ofSeconds(10), 1024 * 1024);
        FieldCipher cipher = new FieldCipher(DataKeys.parse(DataKeys.generate("k1", new SecureRandom())));
        HealthieScribeSource source = new HealthieScribeSource(client, downloader);
        TranscriptJob transcripts = new TranscriptJob(
                db,
                queue,
                source,
                source,
                new ScribeSetup(ScribePipeline.offline(), NoteTemplates.builtIn("hp"), NoteDrafted.NONE),
                Optional.of(cipher),
                Duration.ofHours(24),
                clock,
                new SimpleMeterRegistry());
        handlers = new WebhookProcessor(
                        db, queue, Optional.of(client), Optional.of(cipher), clock, new SimpleMeterRegistry())
                .handlers()
                .on(Jobs.SCRIBE_TRANSCRIPT, transcripts::handle);
        reconciler = new Reconciler(db, queue, client, clock);
    }

    @AfterEach
    void stop() {
        downloader.close();
        client.close();
        db.close();
        standIn.close();
        afterDatabaseClosed();
    }

    @Test
    void findsBothKindsOfMissedWebhooksQueuesThemAndTheHandlersProcessThem() throws Exception {
        // (a) the sender's log against ours
        appointment("8101", null);
        standIn.putSentWebhook("s1", "appointment.transcript_available", "8101", 200, now.minusSeconds(7200));
        logged("8101", "appointment.transcript_available", now.minusSeconds(7199));
        // our own announcement to a subscriber, in the same sender log when the hub runs here: not ours to receive
        standIn.putSentWebhook("s7", "scribe.note_drafted", "8101", 500, now.minusSeconds(7000));

        appointment("8102", completed("tr-8102", "processed_recording"));
        standIn.putSentWebhook("s2", "appointment.transcript_available", "8102", 503, now.minusSeconds(10_800));
        standIn.putSentWebhook("s3", "appointment.transcript_available", "8102", 503, now.minusSeconds(9_000));

        appointment("8103", null);
        standIn.putSentWebhook("s4", "appointment.participant_joined", "8103", 401, now.minusSeconds(3600));
        db.writer()
                .write(h -> WebhookLog.insert(
                        h, NewWebhook.rejected(now.minusSeconds(3599), "signature mismatch", "127.0.0.1", 401)));

        appointment("8104", null);
        standIn.putSentWebhook("s5", "appointment.updated", "8104", 200, now.minusSeconds(18_000));
        logged("8104", "appointment.updated", now.minusSeconds(18_000));
        standIn.putSentWebhook("s6", "appointment.updated", "8104", null, now.minusSeconds(1800));

        // outside the window: not looked at
        standIn.putSentWebhook("s0", "appointment.updated", "8199", 500, now.minus(Duration.ofDays(8)));

        // (b) completed transcripts against what was drafted
        appointment("8105", completed("tr-8105", "processed_recording"));
        appointment("8106", completed("tr-8106", "realtime_capture"));
        db.writer()
                .write(h -> h.createUpdate(
                                "INSERT INTO scribe_appointments (appointment_id, state, reason, updated_at) "
                                        + "VALUES ('8106', 'transcript_missing', 'no completed transcript within 24h', 1)")
                        .execute());
        appointment("8107", completed("tr-8107", "realtime_capture"));
        db.writer()
                .write(h -> h.createUpdate("INSERT INTO scribe_appointments (appointment_id, state, transcript_id, "
                                + "transcript_type, transcript_rank, note_version, updated_at) "
                                + "VALUES ('8107', 'drafted', 'tr-8107', 'realtime_capture', 1, 1, 1)")
                        .execute());
        appointment("8108", null);

        List<ReconcileProgress> progress = new ArrayList<>();
        Reconciler.Found found = reconciler.find(now.minus(Duration.ofDays(7)), progress::add);

        assertThat(found).isInstanceOf(Reconciler.Found.Listed.class);
        List<String> reasons = ((Reconciler.Found.Listed) found)
                .missed().stream()
                        .map(m -> m.appointmentId() + ":" + m.reason().id())
                        .toList();
        assertThat(reasons)
                .as("8102 both: its webhook never arrived and its transcript was never drafted")
                .containsExactlyInAnyOrder(
                        "8102:not_received",
                        "8103:rejected",
                        "8104:not_received",
                        "8102:transcript_not_processed",
                        "8105:transcript_not_processed",
                        "8106:transcript_missing");
        List<Missed> missed = ((Reconciler.Found.Listed) found).missed();
        assertThat(detail(missed, "8102")).contains("HTTP 503").contains("not in the webhook log");
        assertThat(detail(missed, "8103")).contains("HTTP 401").contains("signature mismatch");
        assertThat(detail(missed, "8104")).contains("no answer");
        assertThat(detail(missed, "8105")).contains("tr-8105").contains("never processed");
        assertThat(found.progress().sentScanned()).isEqualTo(7);
        assertThat(found.progress().appointmentsScanned()).isEqualTo(8);
        assertThat(progress).extracting(ReconcileProgress::phase).contains("sent_webhooks", "appointments");
        assertThat(String.join(" ", missed.stream().map(Missed::detail).toList()))
                .doesNotContain("Pat")
                .doesNotContain("knee");

        Instant runStart = clock.instant();
        reconciler.queue(missed);
        assertThat(reconciler.unprocessed(missed, runStart))
                .containsExactlyInAnyOrder("8102", "8103", "8104", "8105", "8106");
        assertThat(pendingKinds())
                .containsExactlyInAnyOrder(
                        "refresh:8102",
                        "refresh:8103",
                        "refresh:8104",
                        "scribe-transcript:8102",
                        "scribe-transcript:8105",
                        "scribe-transcript:8106");

        clock.advance(Duration.ofSeconds(1));
        drainQueue();

        assertThat(reconciler.unprocessed(missed, runStart)).isEmpty();
        assertThat(scribeState("8102")).isEqualTo("drafted");
        assertThat(scribeState("8105")).isEqualTo("drafted");
        assertThat(scribeState("8106")).isEqualTo("drafted");
        Reconciler.Found again = reconciler.find(now.minus(Duration.ofDays(7)), p -> {});
        assertThat(((Reconciler.Found.Listed) again).missed())
                .extracting(Missed::appointmentId)
                .as("refreshes do not add webhook log entries: the sender's log still names them, transcripts are done")
                .containsExactlyInAnyOrder("8102", "8103", "8104");
    }

    @Test
    void aRunWithoutWorkersLeavesItsFindsUnprocessedAndSaysSo() {
        appointment("8201", completed("tr-8201", "processed_recording"));
        ReconcileReport report = reconciler.run(now.minus(Duration.ofDays(1)), Duration.ZERO, p -> {});
        assertThat(report.ok()).isFalse();
        assertThat(report.unprocessed()).containsExactly("8201");
        assertThat(report.missed()).extracting(m -> m.reason().id()).containsExactly("transcript_not_processed");
        assertThat(report.progress().phase()).isEqualTo("done");
    }

    @Test
    void aSnoozedTranscriptJobIsMovedToNowNotDuplicated() {
        appointment("8301", completed("tr-8301", "processed_recording"));
        var pending = queue.offer(Jobs.scribeTranscript("8301").withRunAt(now.plus(Duration.ofHours(1))));
        Reconciler.Found found = reconciler.find(now.minus(Duration.ofDays(1)), p -> {});
        reconciler.queue(((Reconciler.Found.Listed) found).missed());
        List<Job> claimed = queue.claim(Jobs.QUEUE, "test", 10);
        assertThat(claimed).extracting(Job::id).containsExactly(pending.id());
    }

    @Test
    void thePeriodicPassQueuesWhatItFindsAndSchedulesTheNextOnce() throws Exception {
        appointment("8401", completed("tr-8401", "processed_recording"));
        PeriodicReconcile periodic = new PeriodicReconcile(
                db, queue, Optional.of(reconciler), Optional.of(Duration.ofHours(6)), Duration.ofDays(3), clock);
        periodic.schedule();
        periodic.schedule();
        assertThat(pendingKinds()).containsExactly("reconcile:");
        clock.advance(Duration.ofHours(6));
        Job pass = queue.claim(Jobs.QUEUE, "test", 1).get(0);
        assertThat(pass.kind()).isEqualTo(Jobs.RECONCILE);

        assertThat(periodic.handle(pass)).isInstanceOf(JobOutcome.Completed.class);

        assertThat(pendingKinds()).containsExactlyInAnyOrder("reconcile:", "scribe-transcript:8401");
        long next = db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT scheduled_at FROM jobs WHERE kind = 'reconcile' " + "AND state = 'available'")
                        .mapTo(Long.class)
                        .one());
        assertThat(Instant.ofEpochMilli(next)).isEqualTo(clock.instant().plus(Duration.ofHours(6)));

        int requests = standIn.requestCount();
        PeriodicReconcile off =
                new PeriodicReconcile(db, queue, Optional.of(reconciler), Optional.empty(), Duration.ofDays(3), clock);
        clock.advance(Duration.ofHours(6));
        Job offPass = queue.claim(Jobs.QUEUE, "test", 10).stream()
                .filter(j -> j.kind().equals(Jobs.RECONCILE))
                .findFirst()
                .orElseThrow();
        assertThat(off.handle(offPass)).isInstanceOf(JobOutcome.Completed.class);
        assertThat(standIn.requestCount()).isEqualTo(requests);
        assertThat(pendingKinds()).doesNotContain("reconcile:");
    }

    @Test
    void anUnreachableApiStopsTheRunWithItsReason() {
        standIn.serverErrorNext(20);
        ReconcileReport report = reconciler.run(now.minus(Duration.ofDays(1)), Duration.ZERO, p -> {});
        assertThat(report.ok()).isFalse();
        assertThat(report.error()).startsWith("sentWebhooks: ");
    }

    private static String detail(List<Missed> missed, String id) {
        return missed.stream()
                .filter(m -> m.appointmentId().equals(id))
                .findFirst()
                .orElseThrow()
                .detail();
    }

    private void appointment(String id, ArrayNode transcripts) {
        var a = HealthieStandIn.sampleAppointment(id);
        a.put(
                "date",
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z")
                        .withZone(ZoneOffset.UTC)
                        .format(now.minus(Duration.ofHours(6))));
        standIn.putAppointment(id, a);
        if (transcripts != null) {
            standIn.putTranscripts(id, transcripts);
        }
    }

    private ArrayNode completed(String transcriptId, String type) {
        standIn.putTranscriptFile(transcriptId, VTT);
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        list.add(HealthieStandIn.transcript(
                transcriptId,
                "completed",
                type,
                HealthieStandIn.fileUrl(transcriptId),
                "2026-12-01T03:00:00Z",
                "2026-12-01T03:30:00Z"));
        return list;
    }

    private void logged(String resourceId, String eventType, Instant at) {
        db.writer()
                .write(h -> WebhookLog.insert(
                        h,
                        new NewWebhook(
                                at,
                                WebhookStatus.PROCESSED,
                                null,
                                eventType,
                                resourceId,
                                "Appointment",
                                "reference",
                                "healthie-rfc9421",
                                "k1",
                                "127.0.0.1",
                                200,
                                "sha-" + resourceId + at.toEpochMilli(),
                                "key-" + resourceId + at.toEpochMilli(),
                                null,
                                new byte[0])));
    }

    private List<String> pendingKinds() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT kind || ':' || payload FROM jobs WHERE queue = :q "
                                + "AND state IN ('available', 'retryable')")
                        .bind("q", Jobs.QUEUE)
                        .mapTo(String.class)
                        .list());
    }

    private String scribeState(String id) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT state FROM scribe_appointments WHERE appointment_id = :a")
                        .bind("a", id)
                        .mapTo(String.class)
                        .findOne()
                        .orElse(null));
    }

    /** Claims and runs jobs until none is available (a refresh may queue a transcript job). */
    private void drainQueue() throws Exception {
        for (int round = 0; round < 20; round++) {
            List<Job> jobs = queue.claim(Jobs.QUEUE, "test", 10);
            if (jobs.isEmpty()) {
                return;
            }
            for (Job j : jobs) {
                JobOutcome o = handlers.handle(j);
                assertThat(o).as(j.kind() + " " + j.payload()).isInstanceOf(JobOutcome.Completed.class);
            }
        }
        throw new AssertionError("the queue did not drain");
    }
}
