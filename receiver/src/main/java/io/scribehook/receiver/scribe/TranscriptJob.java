package io.scribehook.receiver.scribe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.scribehook.core.crypto.FieldCipher;
import io.scribehook.core.time.Jitter;
import io.scribehook.scribe.ScribeJson;
import io.scribehook.scribe.ScribeResult;
import io.scribehook.scribe.search.IndexedPassage;
import io.scribehook.scribe.source.AppointmentSource;
import io.scribehook.scribe.source.SourceAppointment;
import io.scribehook.scribe.source.SourceResult;
import io.scribehook.scribe.source.TranscriptInfo;
import io.scribehook.scribe.source.TranscriptSource;
import io.scribehook.store.Database;
import io.scribehook.store.queue.CompletionResult;
import io.scribehook.store.queue.Job;
import io.scribehook.store.queue.JobOutcome;
import io.scribehook.store.queue.JobQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transcript job ({@link io.scribehook.receiver.inbox.Jobs#SCRIBE_TRANSCRIPT}, payload = the
 * appointment id): fetches the appointment's completed transcripts, picks the best (a processed
 * recording over a real-time capture), downloads it into memory, runs the scribe pipeline, and in
 * one transaction stores turns, analysis and the note version (encrypted), announces it
 * ({@link NoteDrafted}) and completes the job.
 *
 * <ul>
 *   <li>No completed transcript yet: the job snoozes with a growing delay (1 min, doubling, at most
 *       1 h) until {@code wait} after it was created, then the appointment is marked
 *       {@code transcript_missing}.
 *   <li>A transcript already drafted by this writer, or one ranked below the current transcript, is
 *       not fetched again.
 *   <li>Without data keys nothing is fetched: the job waits for a restart with {@code SCRIBEHOOK_DATA_KEY}.
 * </ul>
 * Network calls happen outside transactions; logs name ids only.
 */
public final class TranscriptJob {
    private static final Logger LOG = LoggerFactory.getLogger(TranscriptJob.class);
    static final Duration FIRST_WAIT = Duration.ofMinutes(1);
    static final Duration LONGEST_WAIT = Duration.ofHours(1);
    static final Duration NO_KEY_WAIT = Duration.ofHours(1);
    private final Database db;
    private final JobQueue queue;
    private final AppointmentSource appointments;
    private final TranscriptSource transcripts;
    private final ScribeSetup setup;
    private final Optional<FieldCipher> cipher;
    private final Duration wait;
    private final Clock clock;
    private final Counter drafted;
    private final Counter missing;
    private final Counter failed;
    private final Timer pipelineTime;
    private final Optional<SearchIndexer> search;

    public TranscriptJob(
            Database db,
            JobQueue queue,
            AppointmentSource appointments,
            TranscriptSource transcripts,
            ScribeSetup setup,
            Optional<FieldCipher> cipher,
            Duration wait,
            Clock clock,
            MeterRegistry registry) {
        this(db, queue, appointments, transcripts, setup, cipher, wait, clock, registry, Optional.empty());
    }

    /**
     * @param search this instance's search index, brought up to date right after each stored note
     *     (other instances follow the index log)
     */
    public TranscriptJob(
            Database db,
            JobQueue queue,
            AppointmentSource appointments,
            TranscriptSource transcripts,
            ScribeSetup setup,
            Optional<FieldCipher> cipher,
            Duration wait,
            Clock clock,
            MeterRegistry registry,
            Optional<SearchIndexer> search) {
        this.db = db;
        this.search = search;
        this.queue = queue;
        this.appointments = appointments;
        this.transcripts = transcripts;
        this.setup = setup;
        this.cipher = cipher;
        this.wait = wait;
        this.clock = clock;
        this.drafted = outcome(registry, "drafted");
        this.missing = outcome(registry, "transcript_missing");
        this.failed = outcome(registry, "failed");
        this.pipelineTime = Timer.builder("scribehook_scribe_pipeline")
                .description("time to parse, analyse and draft one transcript")
                .register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("scribehook_scribe_transcripts")
                .tag("outcome", outcome)
                .description("transcript jobs finished, by outcome")
                .register(registry);
    }

    /** Runs one transcript job. */
    public JobOutcome handle(Job job) {
        String appointmentId = job.payload();
        if (cipher.isEmpty()) {
            return new JobOutcome.Snooze(
                    clock.instant().plus(NO_KEY_WAIT),
                    "SCRIBEHOOK_DATA_KEY is not set: transcripts are not fetched or stored");
        }
        SourceResult<SourceAppointment> fetched = appointments.appointment(appointmentId);
        if (!(fetched instanceof SourceResult.Found<SourceAppointment> found)) {
            return sourceFailure(job, appointmentId, fetched, "appointment");
        }
        Optional<TranscriptInfo> best = found.value().bestTranscript();
        if (best.isEmpty()) {
            return noTranscriptYet(job, appointmentId);
        }
        TranscriptInfo t = best.get();
        String writer = setup.pipeline().writer().name();
        boolean done = db.jdbi()
                .withHandle(h -> ScribeStore.currentRank(h, appointmentId) > t.rank()
                        || ScribeStore.versionOf(h, appointmentId, t.id(), writer)
                                .isPresent());
        if (done) {
            LOG.debug("appointment {}: transcript {} already drafted or superseded", appointmentId, t.id());
            return complete(job);
        }
        SourceResult<String> vtt = transcripts.webVtt(appointmentId, t.id());
        if (!(vtt instanceof SourceResult.Found<String> text)) {
            if (vtt instanceof SourceResult.Missing<String>) {
                return new JobOutcome.Retry("transcript " + t.id() + " was listed, then not found");
            }
            return sourceFailure(job, appointmentId, vtt, "transcript " + t.id());
        }
        long started = System.nanoTime();
        ScribeResult result = setup.pipeline().run(text.value(), found.value().people(), setup.template());
        switch (result) {
            case ScribeResult.Failed f -> {
                failed.increment();
                LOG.warn("appointment {}: transcript {} not drafted: {}", appointmentId, t.id(), f.reason());
                return finishWith(
                        job, appointmentId, ScribeStore.FAILED, "transcript " + t.id() + ": " + f.reason(), null);
            }
            case ScribeResult.Drafted d -> {
                ObjectNode noteJson = ScribeJson.of(d);
                SealedDraft sealed = SealedDraft.seal(cipher.get(), appointmentId, t, writer, d, noteJson);
                pipelineTime.record(Duration.ofNanos(System.nanoTime() - started));
                int[] version = new int[1];
                long[] logged = new long[1];
                boolean[] current = new boolean[1];
                CompletionResult completion;
                try {
                    completion = db.writer().write(h -> {
                        version[0] = ScribeStore.storeDrafted(h, sealed, clock.instant());
                        current[0] = ScribeStore.isCurrent(h, appointmentId, t.id(), version[0]);
                        setup.onDrafted().enqueue(h, appointmentId, version[0]);
                        logged[0] = IndexLog.append(h, db.notifications(), appointmentId, clock.instant());
                        search.ifPresent(s -> s.willIndex(logged[0]));
                        return queue.complete(h, job);
                    });
                } catch (RuntimeException e) {
                    if (logged[0] > 0) {
                        search.ifPresent(s -> s.handOver(logged[0]));
                    }
                    throw e;
                }
                search.ifPresent(s -> indexNow(
                        s,
                        appointmentId,
                        logged[0],
                        current[0]
                                ? () -> SearchPassages.drafted(appointmentId, t.id(), version[0], d, noteJson)
                                : () -> null));
                drafted.increment();
                LOG.info(
                        "appointment {}: note version {} drafted from transcript {} ({}, {} turns)",
                        appointmentId,
                        version[0],
                        t.id(),
                        t.type(),
                        sealed.turnCount());
                return new JobOutcome.Completed(completion);
            }
        }
    }

    /**
     * Makes the stored note searchable on this instance: from the plaintext in memory when the draft
     * became the appointment's current one ({@code passages}), else (null) from the database.
     */
    private static void indexNow(
            SearchIndexer s, String appointmentId, long seq, Supplier<List<IndexedPassage>> passages) {
        try {
            s.indexed(seq, appointmentId, passages.get());
        } catch (RuntimeException e) {
            s.handOver(seq);
            LOG.warn(
                    "appointment {}: stored but not yet searchable ({}); the indexer retries",
                    appointmentId,
                    e.getClass().getSimpleName());
        }
    }

    private JobOutcome noTranscriptYet(Job job, String appointmentId) {
        Instant now = clock.instant();
        Instant deadline = job.createdAt().plus(wait);
        if (!now.isBefore(deadline)) {
            missing.increment();
            LOG.warn("appointment {}: transcript_missing (no completed transcript after {})", appointmentId, wait);
            return finishWith(
                    job, appointmentId, ScribeStore.MISSING, "no completed transcript within " + wait, job.createdAt());
        }
        Duration waited = Duration.between(job.createdAt(), now);
        Duration delay = waited.compareTo(FIRST_WAIT) < 0
                ? FIRST_WAIT
                : waited.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : waited;
        long spread = Jitter.spreadMillis(Math.max(1_000, delay.toMillis() / 5), 0.9);
        Instant next = now.plus(delay).plusMillis(spread);
        if (next.isAfter(deadline)) {
            next = deadline;
        }
        Instant since = job.createdAt();
        db.writer().write(h -> {
            ScribeStore.markState(
                    h, appointmentId, ScribeStore.WAITING, "no completed transcript yet", since, clock.instant());
            return null;
        });
        return new JobOutcome.Snooze(next, "no completed transcript yet");
    }

    private JobOutcome finishWith(Job job, String appointmentId, String state, String reason, Instant since) {
        return new JobOutcome.Completed(db.writer().write(h -> {
            ScribeStore.markState(h, appointmentId, state, reason, since, clock.instant());
            return queue.complete(h, job);
        }));
    }

    private JobOutcome complete(Job job) {
        return new JobOutcome.Completed(db.writer().write(h -> queue.complete(h, job)));
    }

    private JobOutcome sourceFailure(Job job, String appointmentId, SourceResult<?> r, String what) {
        return switch (r) {
            case SourceResult.Missing<?> m -> {
                failed.increment();
                LOG.info("appointment {}: {} not found upstream; nothing to draft", appointmentId, what);
                yield finishWith(job, appointmentId, ScribeStore.FAILED, what + " not found", null);
            }
            case SourceResult.Transient<?> t
            when t.notBefore() != null -> new JobOutcome.Snooze(t.notBefore(), t.reason());
            case SourceResult.Transient<?> t -> new JobOutcome.Retry(what + ": " + t.reason());
            case SourceResult.Permanent<?> p -> {
                failed.increment();
                LOG.warn("appointment {}: {} cannot be fetched: {}", appointmentId, what, p.reason());
                db.writer().write(h -> {
                    ScribeStore.markState(
                            h, appointmentId, ScribeStore.FAILED, what + ": " + p.reason(), null, clock.instant());
                    return null;
                });
                yield new JobOutcome.Fail(what + ": " + p.reason());
            }
            case SourceResult.Found<?> f -> throw new IllegalStateException("not a failure");
        };
    }
}
