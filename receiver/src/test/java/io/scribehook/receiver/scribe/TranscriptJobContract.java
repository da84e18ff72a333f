package io.scribehook.receiver.scribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.scribehook.scribe.ScribePipeline;
import io.scribehook.scribe.ScribeResult;
import io.scribehook.scribe.clinical.ClinicalFindings;
import io.scribehook.scribe.note.NoteTemplates;
import io.scribehook.scribe.note.offline.OfflineNoteWriter;
import io.scribehook.scribe.roles.AppointmentPeople;
import io.scribehook.scribe.roles.RoleAssignment;
import io.scribehook.scribe.source.TranscriptInfo;
import io.scribehook.store.Database;
import io.scribehook.store.queue.Job;
import io.scribehook.store.queue.JobOutcome;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.QueueSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transcript job against a real database and the Healthie stand-in over HTTP: fetch, expiring
 * URLs, supersession in both orders, upserts, waiting and {@code transcript_missing}, encryption at
 * rest and key rotation. One subclass per database.
 */
abstract class TranscriptJobContract {
    static final Path LONG_VISIT = Path.of("..", "scribe", "src", "test", "resources", "vtt", "visit-60min.vtt");
    static final String SHORT_VISIT = """
            WEBVTT

            1
            00:00:00.000 --> 00:00:04.200
            Dr. Maria Alvarez: Good morning, how are you feeling today?

            2
            00:00:04.500 --> 00:00:07.000
            Brian White: Not great, my knee hurts since the hike.

            3
            00:00:07.200 --> 00:00:11.000
            Dr. Maria Alvarez: Let us take an x-ray of the knee and start ibuprofen.
            """;
    static final Duration WAIT = Duration.ofHours(2);
    private static final SecureRandom RANDOM = new SecureRandom();

    final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    final String k1 = DataKeys.generate("k1", RANDOM);
    HealthieStandIn standIn;
    Database db;
    JobQueue queue;
    HealthieClient client;
    TranscriptDownloader downloader;
    FieldCipher cipher;
    TranscriptJob job;

    abstract Database openDatabase();

    /** The folder holding the database files, or null when the database is a server's. */
    abstract Path databaseFolder();

    @BeforeEach
    void start() {
        standIn = HealthieStandIn.start();
        db = openDatabase();
        queue = new JobQueue(db, QueueSettings.defaults(), clock);
        client = new HealthieClient(standIn.settings("test-key"), clock);
        downloader = new TranscriptDownloader(Duration.ofSeconds(10), 1024 * 1024);
        cipher = new FieldCipher(DataKeys.parse(k1));
        job = jobWith(cipher);
    }

    TranscriptJob jobWith(FieldCipher c) {
        HealthieScribeSource source = new HealthieScribeSource(client, downloader);
        return new TranscriptJob(
                db,
                queue,
                source,
                source,
                new ScribeSetup(pipeline(), NoteTemplates.builtIn("hp"), NoteDrafted.NONE),
                Optional.ofNullable(c),
                WAIT,
                clock,
                new SimpleMeterRegistry());
    }

    static ScribePipeline pipeline() {
        return new ScribePipeline(
                (parsed, people) -> new RoleAssignment(List.of()),
                (parsed, roles) -> ClinicalFindings.NONE,
                OfflineNoteWriter.create());
    }

    @AfterEach
    void stop() {
        downloader.close();
        client.close();
        db.close();
        standIn.close();
        afterDatabaseClosed();
    }

    /** Drops a server database once its pool is closed. */
    void afterDatabaseClosed() {}

    static String longVisit() {
        try {
            return Files.readString(LONG_VISIT);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void serve(String appointmentId, String... transcriptIdTypeStatus) {
        standIn.putAppointment(appointmentId, HealthieStandIn.sampleAppointment(appointmentId));
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (String spec : transcriptIdTypeStatus) {
            String[] p = spec.split(":");
            list.add(HealthieStandIn.transcript(
                    p[0], p[2], p[1], HealthieStandIn.fileUrl(p[0]), "2026-12-01T09:00:00Z", "2026-12-01T09:45:00Z"));
        }
        standIn.putTranscripts(appointmentId, list);
    }

    /** Enqueues the appointment's job, claims it and runs it. */
    JobOutcome run(String appointmentId) {
        queue.offer(Jobs.scribeTranscript(appointmentId));
        List<Job> claimed = queue.claim(Jobs.QUEUE, "test", 1);
        assertThat(claimed).hasSize(1);
        return job.handle(claimed.get(0));
    }

    DataKeyRotation rotation(FieldCipher c) {
        return new DataKeyRotation(
                db,
                queue,
                c,
                new AttendanceSealing(db, c, io.scribehook.receiver.process.ParticipantKeys.of(db, clock)),
                new SnapshotSealing(db, c));
    }

    <T> T read(java.util.function.Function<org.jdbi.v3.core.Handle, T> query) {
        return db.jdbi().withHandle(query::apply);
    }

    Map<String, Object> state(String appointmentId) {
        return db.jdbi().withHandle(h -> ScribeReads.state(h, appointmentId)).orElseThrow();
    }

    List<Map<String, Object>> notes(String appointmentId) {
        return db.jdbi().withHandle(h -> ScribeReads.notes(h, appointmentId));
    }

    @Test
    void draftsFromATranscriptWhoseUrlExpiresMidRunAndStoresItEncrypted() {
        standIn.putTranscriptFile("t-long", longVisit());
        serve("7001", "t-long:processed_recording:completed");
        standIn.expireNextDownloads(1);

        JobOutcome outcome = run("7001");

        assertThat(outcome).isInstanceOf(JobOutcome.Completed.class);
        List<String> downloads = standIn.downloads();
        assertThat(downloads).hasSize(2);
        assertThat(downloads.get(0)).endsWith("=410");
        assertThat(downloads.get(1)).endsWith("=200");
        assertThat(downloads.get(0).split("=")[0]).isNotEqualTo(downloads.get(1).split("=")[0]);

        Map<String, Object> s = state("7001");
        assertThat(s.get("state")).isEqualTo("drafted");
        assertThat(s.get("transcript_id")).isEqualTo("t-long");
        assertThat(s.get("note_version")).isEqualTo(1);
        ScribeReads reads = new ScribeReads(cipher);
        List<Map<String, Object>> turns = read(h -> reads.turns(h, "7001", "t-long"));
        assertThat(turns).hasSizeGreaterThan(100);
        assertThat(turns.get(0).get("speaker")).isEqualTo("Dr. Ada Chen");
        assertThat((String) turns.get(0).get("text")).contains("hurt your knee");
        Map<String, Object> note = read(h -> reads.note(h, "7001", 1)).orElseThrow();
        assertThat(((JsonNode) note.get("note")).path("sections").size()).isGreaterThan(0);
        Optional<JsonNode> analysis = read(h -> reads.analysis(h, "7001", "t-long"));
        assertThat(analysis)
                .get()
                .satisfies(a -> assertThat(a.path("speakers").size()).isEqualTo(2));

        List<String> raw = db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT text FROM scribe_turns UNION ALL SELECT speaker FROM scribe_turns "
                                        + "UNION ALL SELECT note FROM scribe_notes UNION ALL SELECT analysis FROM scribe_transcripts")
                        .mapTo(String.class)
                        .list());
        assertThat(raw).allSatisfy(v -> assertThat(v).startsWith("enc1:k1:"));
        assertThat(String.join("\n", raw)).doesNotContain("Ada Chen").doesNotContain("trampoline");
    }

    @Test
    void theDownloadedWebVttIsNeverWrittenToDiskInClear() throws IOException {
        Path folder = databaseFolder();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long startedAt = System.currentTimeMillis() - 1000;
        standIn.putTranscriptFile("t-disk", longVisit());
        serve("7002", "t-disk:processed_recording:completed");
        assertThat(run("7002")).isInstanceOf(JobOutcome.Completed.class);

        List<Path> written = new ArrayList<>();
        if (folder != null) {
            try (var files = Files.walk(folder)) {
                files.filter(Files::isRegularFile).forEach(written::add);
            }
            assertThat(written).isNotEmpty();
        }
        try (var files = Files.list(tmp)) {
            files.filter(Files::isRegularFile)
                    .filter(p ->
                            p.toFile().lastModified() >= startedAt && p.toFile().length() < 64L * 1024 * 1024)
                    .forEach(written::add);
        }
        for (Path p : written) {
            String content = new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(content).as(p.toString()).doesNotContain("trampoline").doesNotContain("Jordan Ellis");
        }
    }

    @Test
    void aProcessedRecordingSupersedesAnEarlierRealtimeCapture() {
        standIn.putTranscriptFile("t-rt", SHORT_VISIT).putTranscriptFile("t-pr", longVisit());
        serve("7003", "t-rt:realtime_capture:completed", "t-pr:processed_recording:processing");
        run("7003");
        assertThat(state("7003")).containsEntry("transcript_id", "t-rt").containsEntry("note_version", 1);

        serve("7003", "t-rt:realtime_capture:completed", "t-pr:processed_recording:completed");
        run("7003");
        assertThat(state("7003"))
                .containsEntry("transcript_id", "t-pr")
                .containsEntry("transcript_type", "processed_recording")
                .containsEntry("note_version", 2);

        int downloads = standIn.downloads().size();
        run("7003");
        assertThat(standIn.downloads()).hasSize(downloads);
        assertThat(notes("7003")).extracting(n -> n.get("transcript_id")).containsExactly("t-rt", "t-pr");
    }

    @Test
    void aRealtimeCaptureArrivingAfterAProcessedRecordingNeverReplacesIt() {
        standIn.putTranscriptFile("t-rt2", SHORT_VISIT).putTranscriptFile("t-pr2", SHORT_VISIT);
        serve("7004", "t-pr2:processed_recording:completed");
        run("7004");
        assertThat(state("7004")).containsEntry("transcript_id", "t-pr2");

        serve("7004", "t-pr2:processed_recording:completed", "t-rt2:realtime_capture:completed");
        run("7004");
        serve("7004", "t-rt2:realtime_capture:completed");
        run("7004");
        assertThat(state("7004"))
                .containsEntry("transcript_id", "t-pr2")
                .containsEntry("transcript_type", "processed_recording")
                .containsEntry("note_version", 1);
        assertThat(notes("7004")).hasSize(1);

        // even when drafted, a real-time note is kept as a version without becoming current
        ScribeResult.Drafted d = (ScribeResult.Drafted)
                pipeline().run(SHORT_VISIT, AppointmentPeople.UNKNOWN, NoteTemplates.builtIn("hp"));
        SealedDraft rt = SealedDraft.seal(
                cipher, "7004", new TranscriptInfo("t-rt2", "realtime_capture", null, null), "offline", d);
        int v = db.writer().write(h -> ScribeStore.storeDrafted(h, rt, clock.instant()));
        assertThat(v).isEqualTo(2);
        assertThat(state("7004")).containsEntry("transcript_id", "t-pr2").containsEntry("note_version", 1);
    }

    @Test
    void aReRunUpsertsTheNoteVersionInsteadOfAddingOne() {
        ScribeResult.Drafted d = (ScribeResult.Drafted)
                pipeline().run(SHORT_VISIT, AppointmentPeople.UNKNOWN, NoteTemplates.builtIn("hp"));
        TranscriptInfo t = new TranscriptInfo("t-up", "processed_recording", null, null);
        SealedDraft first = SealedDraft.seal(cipher, "7005", t, "offline", d);
        SealedDraft again = SealedDraft.seal(cipher, "7005", t, "offline", d);
        assertThat(first.note()).isNotEqualTo(again.note());
        int v1 = db.writer().write(h -> ScribeStore.storeDrafted(h, first, clock.instant()));
        int v2 = db.writer().write(h -> ScribeStore.storeDrafted(h, again, clock.instant()));
        assertThat(v2).isEqualTo(v1).isEqualTo(1);
        assertThat(notes("7005")).hasSize(1);
        int stored = read(h -> h.createQuery("SELECT count(*) FROM scribe_turns WHERE transcript_id = 't-up'")
                .mapTo(Integer.class)
                .one());
        assertThat(stored).isEqualTo(d.analysis().transcript().turns().size());
        ScribeReads reads = new ScribeReads(cipher);
        Optional<Map<String, Object>> note = read(h -> reads.note(h, "7005", 1));
        assertThat(note).isPresent();
    }

    @Test
    void withoutACompletedTranscriptTheJobWaitsWithBackoffThenMarksItMissing() {
        serve("7006", "t-wait:processed_recording:processing");
        queue.offer(Jobs.scribeTranscript("7006"));
        Job first = queue.claim(Jobs.QUEUE, "test", 1).get(0);
        JobOutcome o1 = job.handle(first);
        assertThat(o1).isInstanceOf(JobOutcome.Snooze.class);
        Instant until1 = ((JobOutcome.Snooze) o1).until();
        assertThat(until1).isAfterOrEqualTo(clock.instant().plus(TranscriptJob.FIRST_WAIT));
        assertThat(state("7006")).containsEntry("state", "waiting");
        queue.snooze(first, until1, "waiting");

        clock.set(until1);
        Job second = queue.claim(Jobs.QUEUE, "test", 1).get(0);
        assertThat(second.createdAt()).isEqualTo(first.createdAt());
        clock.advance(Duration.ofMinutes(10));
        JobOutcome o2 = job.handle(second);
        Instant until2 = ((JobOutcome.Snooze) o2).until();
        Duration delay2 = Duration.between(clock.instant(), until2);
        assertThat(delay2).isGreaterThan(TranscriptJob.FIRST_WAIT);
        queue.snooze(second, until2, "waiting");

        clock.set(first.createdAt().plus(WAIT));
        Job last = queue.claim(Jobs.QUEUE, "test", 1).get(0);
        assertThat(job.handle(last)).isInstanceOf(JobOutcome.Completed.class);
        assertThat(state("7006")).containsEntry("state", "transcript_missing");
        assertThat(standIn.downloads()).isEmpty();
    }

    @Test
    void withoutDataKeysNothingIsFetched() {
        standIn.putTranscriptFile("t-nokey", SHORT_VISIT);
        serve("7007", "t-nokey:processed_recording:completed");
        job = jobWith(null);
        int before = standIn.requestCount();
        assertThat(run("7007")).isInstanceOf(JobOutcome.Snooze.class);
        assertThat(standIn.requestCount()).isEqualTo(before);
        assertThat(standIn.downloads()).isEmpty();
    }

    @Test
    void aCiphertextMovedToAnotherRowDoesNotDecrypt() {
        standIn.putTranscriptFile("t-move", SHORT_VISIT);
        serve("7008", "t-move:processed_recording:completed");
        run("7008");
        db.writer()
                .write(h -> h.createUpdate(
                                "UPDATE scribe_turns SET text = (SELECT text FROM scribe_turns "
                                        + "WHERE transcript_id = 't-move' AND seq = 0) WHERE transcript_id = 't-move' AND seq = 1")
                        .execute());
        ScribeReads reads = new ScribeReads(cipher);
        assertThatThrownBy(() -> read(h -> reads.turns(h, "7008", "t-move")))
                .isInstanceOf(FieldCipher.UndecryptableException.class)
                .hasMessageContaining("t-move/1")
                .hasMessageNotContaining("knee");
    }

    @Test
    void rotationReEncryptsEveryValueWithTheNewKey() {
        standIn.putTranscriptFile("t-rot", longVisit());
        serve("7009", "t-rot:processed_recording:completed");
        run("7009");
        String k2 = DataKeys.generate("k2", RANDOM);
        FieldCipher rotating = new FieldCipher(DataKeys.parse(k2 + "," + k1));
        Map<String, Integer> counts = rotation(rotating).rotateAll();
        int turns = db.jdbi()
                .withHandle(h -> h.createQuery("SELECT count(*) FROM scribe_turns")
                        .mapTo(Integer.class)
                        .one());
        assertThat(counts).containsEntry("scribe_turns.text", turns).containsEntry("scribe_notes.note", 1);
        List<String> raw = db.jdbi()
                .withHandle(h -> h.createQuery("SELECT text FROM scribe_turns UNION ALL SELECT note FROM scribe_notes "
                                + "UNION ALL SELECT analysis FROM scribe_transcripts")
                        .mapTo(String.class)
                        .list());
        assertThat(raw).allSatisfy(v -> assertThat(v).startsWith("enc1:k2:"));

        FieldCipher onlyNew = new FieldCipher(DataKeys.parse(k2));
        ScribeReads reads = new ScribeReads(onlyNew);
        List<Map<String, Object>> rotatedTurns = read(h -> reads.turns(h, "7009", "t-rot"));
        assertThat(rotatedTurns).hasSize(turns);
        Optional<Map<String, Object>> rotatedNote = read(h -> reads.note(h, "7009", 1));
        assertThat(rotatedNote).isPresent();
        assertThat(rotation(rotating).rotateAll().values()).allMatch(n -> n == 0);
    }

    @Test
    void attendanceStoredInClearByEarlierVersionsIsReKeyedSealedAndRotated() {
        db.writer().write(h -> {
            String insert =
                    "INSERT INTO receiver_attendance (appointment_id, action, participant_key, participant_name, "
                            + "participant_email, participant_role, host_user_id, event_at, event_key, webhook_id, recorded_at) "
                            + "VALUES (:a, 'joined', :p, :name, :email, 'participant', NULL, 1, :e, 1, 1)";
            h.createUpdate(insert)
                    .bind("a", "7010")
                    .bind("p", "email:pat@example.com")
                    .bind("name", "Pat Example")
                    .bind("email", "pat@example.com")
                    .bind("e", "1000")
                    .execute();
            h.createUpdate(insert)
                    .bind("a", "7010")
                    .bind("p", "name:Guest Person")
                    .bind("name", "Guest Person")
                    .bind("email", (String) null)
                    .bind("e", "2000")
                    .execute();
            return h.createUpdate(insert)
                    .bind("a", "7010")
                    .bind("p", "name:guest  person")
                    .bind("name", "guest  person")
                    .bind("email", (String) null)
                    .bind("e", "2000")
                    .execute();
        });
        db.writer()
                .write(h -> h.createUpdate("INSERT INTO receiver_appointments (appointment_id, snapshot, found, "
                                + "deleted, fetched_at) VALUES ('7010', :s, :found, :deleted, 1)")
                        .bind("s", "{\"id\":\"7010\",\"other_party\":{\"first_name\":\"Pat\"}}")
                        .bind("found", true)
                        .bind("deleted", false)
                        .execute());
        io.scribehook.receiver.process.ParticipantKeys keys =
                io.scribehook.receiver.process.ParticipantKeys.of(db, clock).load();
        assertThat(new AttendanceSealing(db, cipher, keys).sealAll()).isEqualTo(3);
        assertThat(new SnapshotSealing(db, cipher).sealAll()).isEqualTo(1);
        assertThat(new SnapshotSealing(db, cipher).sealAll()).isZero();

        List<Map<String, Object>> rows = read(h -> h.createQuery(
                        "SELECT participant_key, participant_name, "
                                + "participant_email, event_key FROM receiver_attendance WHERE appointment_id = '7010' ORDER BY id")
                .mapToMap()
                .list());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("participant_key")).isEqualTo(keys.keyOf("pat@example.com", null));
        assertThat(rows.get(1).get("participant_key")).isEqualTo(keys.keyOf(null, "Guest Person"));
        assertThat(rows.toString()).doesNotContainIgnoringCase("pat").doesNotContainIgnoringCase("guest");
        String pat = (String) rows.get(0).get("participant_key");
        assertThat(cipher.decrypt(
                        (String) rows.get(0).get("participant_email"),
                        io.scribehook.receiver.process.Attendance.place(
                                "7010", "joined", pat, "1000", "participant_email")))
                .isEqualTo("pat@example.com");
        List<Map<String, Object>> listed = read(h -> io.scribehook.receiver.process.Attendance.list(h, "7010", keys));
        assertThat(listed)
                .extracting(m -> m.get("participant_key"))
                .containsExactly(pat, rows.get(1).get("participant_key"));
        assertThat(new AttendanceSealing(db, cipher, keys).sealAll()).isZero();

        String k2 = DataKeys.generate("k2", RANDOM);
        FieldCipher rotating = new FieldCipher(DataKeys.parse(k2 + "," + k1));
        Map<String, Integer> counts = rotation(rotating).rotateAll();
        assertThat(counts)
                .containsEntry("receiver_attendance.participant_name", 2)
                .containsEntry("receiver_attendance.participant_email", 1);
        assertThat(counts).containsEntry("receiver_appointments.snapshot", 1);
        String snapshot =
                read(h -> h.createQuery("SELECT snapshot FROM receiver_appointments WHERE appointment_id = '7010'")
                        .mapTo(String.class)
                        .one());
        assertThat(new FieldCipher(DataKeys.parse(k2))
                        .decrypt(snapshot, io.scribehook.receiver.process.AppointmentSnapshots.place("7010")))
                .isEqualTo("{\"id\":\"7010\",\"other_party\":{\"first_name\":\"Pat\"}}");
        String email =
                read(h -> h.createQuery("SELECT participant_email FROM receiver_attendance WHERE participant_key = :p")
                        .bind("p", pat)
                        .mapTo(String.class)
                        .one());
        assertThat(email).startsWith("enc1:k2:");
    }

    @Test
    void listingPagesThroughAppointmentsChangedInTheSameMillisecond() {
        db.writer().write(h -> {
            for (String id : List.of("7020", "7021", "7022")) {
                ScribeStore.markState(h, id, ScribeStore.WAITING, null, null, clock.instant());
            }
            return null;
        });
        List<Map<String, Object>> first = read(h -> ScribeReads.list(h, "waiting", null, 2));
        ScribeReads.Cursor cursor =
                ScribeReads.Cursor.parse(ScribeReads.Cursor.of(first.get(1)).text());
        List<Map<String, Object>> second = read(h -> ScribeReads.list(h, "waiting", cursor, 2));
        List<Object> ids = new ArrayList<>();
        first.forEach(m -> ids.add(m.get("appointment_id")));
        second.forEach(m -> ids.add(m.get("appointment_id")));
        assertThat(ids).containsExactly("7020", "7021", "7022");
        List<Map<String, Object>> none = read(h -> ScribeReads.list(h, "drafted", null, 2));
        assertThat(none).isEmpty();
    }
}
