package io.scribehook.receiver.scribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scribehook.core.crypto.DataKeys;
import io.scribehook.core.crypto.FieldCipher;
import io.scribehook.core.time.ManualClock;
import io.scribehook.receiver.healthie.HealthieClient;
import io.scribehook.receiver.healthie.HealthieStandIn;
import io.scribehook.receiver.healthie.TranscriptDownloader;
import io.scribehook.receiver.inbox.Jobs;
import io.scribehook.scribe.ScribeJson;
import io.scribehook.scribe.ScribePipeline;
import io.scribehook.scribe.ScribeResult;
import io.scribehook.scribe.note.NoteTemplates;
import io.scribehook.scribe.search.IndexedPassage;
import io.scribehook.scribe.search.PassageRef;
import io.scribehook.scribe.search.SearchHit;
import io.scribehook.scribe.search.SearchResults;
import io.scribehook.scribe.source.SourceAppointment;
import io.scribehook.scribe.source.SourceResult;
import io.scribehook.store.Database;
import io.scribehook.store.queue.Job;
import io.scribehook.store.queue.JobOutcome;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.QueueSettings;
import io.scribehook.store.testing.TestDatabases;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Search in the receiver against a real database: the transcript job makes a note searchable on
 * its instance before it finishes; a second instance (its own database pool and index folder, the
 * same database) follows the index log; a rebuild reads everything back from the database; a
 * superseding transcript replaces the appointment's passages. One subclass per database.
 */
abstract class SearchIndexerContract {
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    HealthieStandIn standIn;
    Database db;
    Database other;
    JobQueue queue;
    HealthieClient client;
    TranscriptDownloader downloader;
    FieldCipher cipher;
    SearchIndexer here;
    TranscriptJob job;
    final List<AutoCloseable> toClose = new ArrayList<>();

    /** Opens one more pool on the test's database (a second instance's). */
    abstract Database openDatabase();

    /**
     * How often the second instance polls the log: on PostgreSQL an hour, so only the commit's
     * notification can wake it in time.
     */
    abstract Duration otherInstancePoll();

    @BeforeEach
    void start() {
        standIn = HealthieStandIn.start();
        db = openDatabase();
        queue = new JobQueue(db, QueueSettings.defaults(), clock);
        client = new HealthieClient(standIn.settings("test-key"), clock);
        downloader = new TranscriptDownloader(Duration.ofSeconds(10), 1024 * 1024);
        cipher = new FieldCipher(DataKeys.parse(DataKeys.generate("k1", new SecureRandom())));
        here = SearchIndexer.start(db, cipher, TestDatabases.newFolder("index-a"), Duration.ofHours(1));
        HealthieScribeSource source = new HealthieScribeSource(client, downloader);
        job = new TranscriptJob(
                db,
                queue,
                source,
                source,
                new ScribeSetup(ScribePipeline.offline(), NoteTemplates.builtIn("hp"), NoteDrafted.NONE),
                Optional.of(cipher),
                Duration.ofHours(2),
                clock,
                new SimpleMeterRegistry(),
                Optional.of(here));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        here.close();
        downloader.close();
        client.close();
        if (other != null) {
            other.close();
        }
        db.close();
        standIn.close();
        afterDatabasesClosed();
    }

    void afterDatabasesClosed() {}

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

    void draft(String appointmentId, String transcriptId, String type, String vtt) {
        standIn.putTranscriptFile(transcriptId, vtt);
        serve(appointmentId, transcriptId + ":" + type + ":completed");
        queue.offer(Jobs.scribeTranscript(appointmentId));
        List<Job> claimed = queue.claim(Jobs.QUEUE, "test", 1);
        assertThat(job.handle(claimed.get(0))).isInstanceOf(JobOutcome.Completed.class);
    }

    static SearchResults search(SearchIndexer s, String q) {
        try {
            return s.search(q, 50);
        } catch (io.scribehook.scribe.search.QuerySyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDraftedNoteIsSearchableOnItsInstanceWhenTheJobEndsWithSynonymsAndSnippets() {
        draft("8001", "t-long", "processed_recording", TranscriptJobContract.longVisit());

        SearchResults generic = search(here, "acetaminophen");
        assertThat(generic.hits()).isNotEmpty();
        SearchHit turn = generic.hits().stream()
                .filter(h -> h.ref().kind() == PassageRef.Kind.TRANSCRIPT)
                .findFirst()
                .orElseThrow();
        assertThat(turn.ref().appointmentId()).isEqualTo("8001");
        assertThat(turn.snippet()).containsIgnoringCase("<mark>tylenol</mark>");
        assertThat(turn.startMillis()).isPositive();
        assertThat(turn.speaker()).isNotBlank();
        assertThat(turn.role()).isIn("clinician", "patient", "other");

        assertThat(search(here, "edema").hits())
                .extracting(SearchHit::snippet)
                .anySatisfy(s -> assertThat(s).containsIgnoringCase("<mark>swelling</mark>"));
        assertThat(search(here, "knee").hits())
                .anySatisfy(h -> assertThat(h.ref().kind()).isEqualTo(PassageRef.Kind.NOTE))
                .anySatisfy(h -> assertThat(h.ref().kind()).isEqualTo(PassageRef.Kind.TRANSCRIPT));
        SearchHit section = search(here, "knee").hits().stream()
                .filter(h -> h.ref().kind() == PassageRef.Kind.NOTE)
                .findFirst()
                .orElseThrow();
        assertThat(section.section()).isNotBlank();
        assertThat(section.ref().noteVersion()).isEqualTo(1);
        assertThat(section.snippet()).containsIgnoringCase("<mark>knee");
        long last = db.jdbi().withHandle(IndexLog::last);
        assertThat(here.checkpoint()).isEqualTo(last).isPositive();
    }

    @Test
    void aNoteDraftedOnOneInstanceBecomesSearchableOnAnother() {
        other = openDatabase();
        SearchIndexer there =
                SearchIndexer.start(other, cipher, TestDatabases.newFolder("index-b"), otherInstancePoll());
        toClose.add(there);
        await().atMost(Duration.ofSeconds(20)).until(() -> !there.index().isNew());
        assertThat(search(there, "acetaminophen").hits()).isEmpty();

        draft("8002", "t-b", "processed_recording", TranscriptJobContract.longVisit());

        SearchResults found = await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> search(there, "acetaminophen"), r -> !r.hits().isEmpty());
        assertThat(found.hits())
                .allSatisfy(h -> assertThat(h.ref().appointmentId()).isEqualTo("8002"));
        assertThat(found.hits().get(0).snippet()).containsIgnoringCase("<mark>tylenol</mark>");
        assertThat(there.documentCount()).isEqualTo(here.documentCount());
    }

    @Test
    void aRebuildReadsEveryAppointmentBackFromTheDatabase() throws Exception {
        draft("8003", "t-c", "processed_recording", TranscriptJobContract.longVisit());
        draft("8004", "t-d", "processed_recording", TranscriptJobContract.SHORT_VISIT);
        int passages = here.documentCount();

        SearchIndexer fresh = SearchIndexer.open(db, cipher, TestDatabases.newFolder("index-c"), Duration.ofHours(1));
        toClose.add(fresh);
        assertThat(fresh.documentCount()).isZero();
        List<String> progress = new ArrayList<>();
        assertThat(fresh.rebuild((done, total) -> progress.add(done + "/" + total)))
                .isEqualTo(2);
        assertThat(progress).containsExactly("1/2", "2/2");
        assertThat(fresh.documentCount()).isEqualTo(passages);
        assertThat(fresh.checkpoint()).isEqualTo(here.checkpoint());
        assertThat(search(fresh, "ibuprofen").hits())
                .extracting(h -> h.ref().appointmentId())
                .contains("8003", "8004");
        assertThat(fresh.catchUp()).isZero();
    }

    @Test
    void aSupersedingTranscriptReplacesTheAppointmentsPassages() {
        standIn.putTranscriptFile("t-rt", TranscriptJobContract.SHORT_VISIT)
                .putTranscriptFile("t-pr", TranscriptJobContract.longVisit());
        serve("8005", "t-rt:realtime_capture:completed");
        queue.offer(Jobs.scribeTranscript("8005"));
        job.handle(queue.claim(Jobs.QUEUE, "test", 1).get(0));
        assertThat(search(here, "hike").hits()).isNotEmpty();

        serve("8005", "t-rt:realtime_capture:completed", "t-pr:processed_recording:completed");
        queue.offer(Jobs.scribeTranscript("8005"));
        job.handle(queue.claim(Jobs.QUEUE, "test", 1).get(0));

        assertThat(search(here, "hike").hits()).isEmpty();
        assertThat(search(here, "tylenol").hits())
                .isNotEmpty()
                .allSatisfy(h -> assertThat(h.ref().transcriptId()).isEqualTo("t-pr"))
                .anySatisfy(h -> assertThat(h.ref().noteVersion()).isEqualTo(2));
    }

    @Test
    void theJobIndexesFromMemoryExactlyWhatTheDatabaseReadsBack() {
        draft("8006", "t-mem", "processed_recording", TranscriptJobContract.longVisit());
        assertThat(here.checkpoint()).isEqualTo(db.jdbi().withHandle(IndexLog::last));
        assertThat(here.catchUp()).isZero();

        HealthieScribeSource source = new HealthieScribeSource(client, downloader);
        var appointment = ((SourceResult.Found<SourceAppointment>) source.appointment("8006")).value();
        var drafted = (ScribeResult.Drafted) ScribePipeline.offline()
                .run(TranscriptJobContract.longVisit(), appointment.people(), NoteTemplates.builtIn("hp"));
        ObjectNode noteJson = ScribeJson.of(drafted);
        noteJson.remove("analysis");
        List<IndexedPassage> fromMemory = SearchPassages.drafted("8006", "t-mem", 1, drafted, noteJson);
        List<IndexedPassage> fromDatabase =
                db.jdbi().withHandle(h -> new SearchPassages(db, cipher).current(h, "8006"));
        assertThat(fromMemory)
                .hasSizeGreaterThan(100)
                .anySatisfy(p -> assertThat(p.ref().kind()).isEqualTo(PassageRef.Kind.NOTE))
                .isEqualTo(fromDatabase);
    }
}
