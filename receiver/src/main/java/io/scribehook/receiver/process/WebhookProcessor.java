package io.scribehook.receiver.process;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.scribehook.core.crypto.FieldCipher;
import io.scribehook.core.event.EventTypes;
import io.scribehook.core.event.ParseResult;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.core.event.ThinPayloadCodec;
import io.scribehook.core.time.Jitter;
import io.scribehook.receiver.healthie.AppointmentSnapshot;
import io.scribehook.receiver.healthie.FetchResult;
import io.scribehook.receiver.healthie.HealthieClient;
import io.scribehook.receiver.healthie.TranscriptRef;
import io.scribehook.receiver.inbox.Jobs;
import io.scribehook.receiver.inbox.WebhookEntry;
import io.scribehook.receiver.inbox.WebhookLog;
import io.scribehook.receiver.inbox.WebhookStatus;
import io.scribehook.store.Database;
import io.scribehook.store.queue.CompletionResult;
import io.scribehook.store.queue.Job;
import io.scribehook.store.queue.JobHandlers;
import io.scribehook.store.queue.JobOutcome;
import io.scribehook.store.queue.JobQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the receiver's jobs: fetches the resource behind a thin webhook and applies its effects
 * (appointment snapshot, recording lifecycle, attendance, transcript list) idempotently, then
 * records the webhook's fate in the log and completes the job, in one transaction. Network calls
 * happen outside transactions. {@link #handlers()} gives its handler per job kind.
 *
 * <p>A processed {@code appointment.transcript_available}, and a refresh that finds a completed
 * transcript, queue the appointment's transcript job ({@link Jobs#scribeTranscript}) in the same
 * transaction. The first recorded join of an appointment runs {@link MeetingStarted} in the
 * transaction that records it.
 */
public final class WebhookProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookProcessor.class);
    private static final Duration NOT_CONFIGURED_WAIT = Duration.ofMinutes(1);
    private final Database db;
    private final JobQueue queue;
    private final Optional<HealthieClient> healthie;
    private final Clock clock;
    private final Optional<FieldCipher> cipher;
    private final MeetingStarted meetingStarted;
    private final Counter processed;
    private final Counter retried;
    private final Counter dead;
    private final Counter waited;

    /** A processor that tells nobody when a meeting starts. */
    public WebhookProcessor(
            Database db,
            JobQueue queue,
            Optional<HealthieClient> healthie,
            Optional<FieldCipher> cipher,
            Clock clock,
            MeterRegistry registry) {
        this(db, queue, healthie, cipher, MeetingStarted.NONE, clock, registry);
    }

    /**
     * @param cipher encrypts attendance names and emails; without it they are not stored
     * @param meetingStarted runs in the transaction that records an appointment's first join
     */
    public WebhookProcessor(
            Database db,
            JobQueue queue,
            Optional<HealthieClient> healthie,
            Optional<FieldCipher> cipher,
            MeetingStarted meetingStarted,
            Clock clock,
            MeterRegistry registry) {
        this.db = db;
        this.meetingStarted = meetingStarted;
        this.cipher = cipher;
        this.queue = queue;
        this.healthie = healthie;
        this.clock = clock;
        this.processed = outcome(registry, "processed");
        this.retried = outcome(registry, "retry");
        this.dead = outcome(registry, "dead");
        this.waited = outcome(registry, "waited");
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("scribehook_receiver_jobs")
                .tag("outcome", outcome)
                .description("receiver job attempts by outcome")
                .register(registry);
    }

    /** The receiver's job handlers: {@link Jobs#PROCESS_WEBHOOK} and {@link Jobs#REFRESH_APPOINTMENT}. */
    public JobHandlers handlers() {
        return JobHandlers.create()
                .on(Jobs.PROCESS_WEBHOOK, this::processWebhook)
                .on(Jobs.REFRESH_APPOINTMENT, this::refresh);
    }

    private JobOutcome processWebhook(Job job) {
        long id = Long.parseLong(job.payload());
        Optional<WebhookLog.Stored> stored = db.jdbi().withHandle(h -> WebhookLog.findWithBody(h, id));
        if (stored.isEmpty()) {
            dead.increment();
            LOG.warn("webhook {} is no longer stored (retention?); job {} dropped", id, job.id());
            return new JobOutcome.Fail("webhook " + id + " is no longer stored");
        }
        if (!(ThinPayloadCodec.parse(stored.get().body()) instanceof ParseResult.Parsed parsed)) {
            return finish(job, id, new Step.Permanent("stored body no longer parses"));
        }
        return finish(job, id, apply(parsed.event(), stored.get().entry(), job));
    }

    /** Applies the effects and, in the same transaction, marks the webhook processed. */
    private Step apply(ThinEvent e, WebhookEntry entry, Job job) {
        String appointmentId = e.resourceId();
        if (EventTypes.APPOINTMENT_DELETED.equals(e.eventType())) {
            return new Step.Ok(db.writer().write(h -> {
                Instant now = clock.instant();
                AppointmentSnapshots.markDeleted(h, appointmentId, now);
                WebhookLog.mark(h, entry.id(), WebhookStatus.PROCESSED, null, job.attempt(), now);
                return queue.complete(h, job);
            }));
        }
        if (healthie.isEmpty()) {
            return notConfigured();
        }
        FetchResult<AppointmentSnapshot> fetched = healthie.get().appointment(appointmentId);
        Optional<Step> failed = failure(fetched);
        if (failed.isPresent()) {
            return failed.get();
        }
        AppointmentSnapshot snapshot = fetched instanceof FetchResult.Found<AppointmentSnapshot> f ? f.value() : null;
        List<TranscriptRef> transcripts = null;
        if (EventTypes.APPOINTMENT_TRANSCRIPT_AVAILABLE.equals(e.eventType()) && snapshot != null) {
            FetchResult<List<TranscriptRef>> list = healthie.get().transcripts(appointmentId);
            failed = failure(list);
            if (failed.isPresent()) {
                return failed.get();
            }
            transcripts = list instanceof FetchResult.Found<List<TranscriptRef>> f ? f.value() : List.of();
        }
        List<TranscriptRef> found = transcripts;
        ParticipantKeys keys = ParticipantKeys.of(db, clock).load();
        String sealed = AppointmentSnapshots.seal(cipher, appointmentId, snapshot);
        Optional<LifecycleEvent> lifecycle = LifecycleEvent.of(e.eventType());
        return new Step.Ok(db.writer().write(h -> {
            Instant now = clock.instant();
            AppointmentSnapshots.store(h, appointmentId, snapshot != null, sealed, now);
            lifecycle.ifPresent(le ->
                    RecordingLifecycle.record(h, appointmentId, le, eventTime(e, le, snapshot), entry.receivedAt()));
            if (EventTypes.APPOINTMENT_PARTICIPANT_JOINED.equals(e.eventType())) {
                if (Attendance.record(h, e, snapshot, "joined", entry.id(), entry.bodySha256(), now, keys, cipher)
                        && Meetings.recordStart(h, appointmentId, e.eventTs(), entry.id(), now)) {
                    meetingStarted.announce(h, appointmentId, e);
                }
            } else if (EventTypes.APPOINTMENT_PARTICIPANT_LEFT.equals(e.eventType())) {
                Attendance.record(h, e, snapshot, "left", entry.id(), entry.bodySha256(), now, keys, cipher);
            }
            if (found != null) {
                Transcripts.upsert(h, appointmentId, found, now);
                queue.offer(h, Jobs.scribeTranscript(appointmentId));
            }
            WebhookLog.mark(h, entry.id(), WebhookStatus.PROCESSED, null, job.attempt(), now);
            return queue.complete(h, job);
        }));
    }

    /**
     * Re-fetches an appointment and its transcripts. Coalesced by the job's unique key: while this
     * runs, a new request schedules another refresh, which sees what appeared meanwhile.
     */
    private JobOutcome refresh(Job job) {
        String appointmentId = job.payload();
        if (healthie.isEmpty()) {
            return snooze(notConfigured());
        }
        FetchResult<AppointmentSnapshot> fetched = healthie.get().appointment(appointmentId);
        FetchResult<List<TranscriptRef>> list =
                fetched.isFound() ? healthie.get().transcripts(appointmentId) : new FetchResult.NotFound<>();
        Optional<Step> failed = failure(fetched).or(() -> failure(list));
        if (failed.isPresent()) {
            switch (failed.get()) {
                case Step.Transient t -> {
                    retried.increment();
                    return new JobOutcome.Retry(t.reason());
                }
                case Step.Permanent p -> {
                    dead.increment();
                    return new JobOutcome.Fail(p.reason());
                }
                case Step.Wait w -> {
                    return snooze(w);
                }
                case Step.Ok ok -> throw new IllegalStateException("not a failure");
            }
        }
        AppointmentSnapshot snapshot = fetched instanceof FetchResult.Found<AppointmentSnapshot> f ? f.value() : null;
        String sealed = AppointmentSnapshots.seal(cipher, appointmentId, snapshot);
        CompletionResult completion = db.writer().write(h -> {
            Instant now = clock.instant();
            AppointmentSnapshots.store(h, appointmentId, snapshot != null, sealed, now);
            if (list instanceof FetchResult.Found<List<TranscriptRef>> f) {
                Transcripts.upsert(h, appointmentId, f.value(), now);
                if (f.value().stream().anyMatch(t -> "completed".equals(t.status()))) {
                    queue.offer(h, Jobs.scribeTranscript(appointmentId));
                }
            }
            return queue.complete(h, job);
        });
        processed.increment();
        return new JobOutcome.Completed(completion);
    }

    private JobOutcome finish(Job job, long webhookId, Step step) {
        Instant now = clock.instant();
        switch (step) {
            case Step.Ok ok -> {
                processed.increment();
                LOG.debug("webhook {} processed (job {}, attempt {})", webhookId, job.id(), job.attempt());
                return new JobOutcome.Completed(ok.completion());
            }
            case Step.Transient t -> {
                boolean last = job.attempt() >= job.maxAttempts();
                db.writer().write(h -> {
                    WebhookLog.mark(
                            h,
                            webhookId,
                            last ? WebhookStatus.DEAD : WebhookStatus.FAILED,
                            t.reason(),
                            job.attempt(),
                            now);
                    return null;
                });
                if (last) {
                    dead.increment();
                    LOG.warn("webhook {} dead after {} attempts: {}", webhookId, job.attempt(), t.reason());
                } else {
                    retried.increment();
                    LOG.info("webhook {} attempt {} failed, will retry: {}", webhookId, job.attempt(), t.reason());
                }
                return new JobOutcome.Retry(t.reason());
            }
            case Step.Permanent p -> {
                db.writer().write(h -> {
                    WebhookLog.mark(h, webhookId, WebhookStatus.DEAD, p.reason(), job.attempt(), now);
                    return null;
                });
                dead.increment();
                LOG.warn("webhook {} dead: {}", webhookId, p.reason());
                return new JobOutcome.Fail(p.reason());
            }
            case Step.Wait w -> {
                LOG.debug("webhook {} waits until {}: {}", webhookId, w.until(), w.reason());
                return snooze(w);
            }
        }
    }

    /**
     * Runs the job again after {@code w.until()} without spending an attempt or writing to the
     * webhook log; spread by up to a fifth of the wait (at least a second) so that the jobs paused
     * together do not all come back in the same instant.
     */
    private JobOutcome snooze(Step.Wait w) {
        waited.increment();
        long waitMillis = Math.max(0, w.until().toEpochMilli() - clock.millis());
        Instant at = w.until().plusMillis(Jitter.spreadMillis(Math.max(1_000, waitMillis / 5), 0.9));
        return JobOutcome.snooze(at, w.reason());
    }

    /** Without an API to fetch from, jobs wait for one to be configured (the server reads it at start). */
    private Step.Wait notConfigured() {
        return new Step.Wait(
                clock.instant().plus(NOT_CONFIGURED_WAIT),
                "no Healthie API configured (set SCRIBEHOOK_HEALTHIE_API_URL)");
    }

    private static Optional<Step> failure(FetchResult<?> r) {
        return switch (r) {
            case FetchResult.TransientFailure<?> t -> Optional.of(new Step.Transient(t.reason()));
            case FetchResult.PermanentFailure<?> p -> Optional.of(new Step.Permanent(p.reason()));
            case FetchResult.Unavailable<?> u -> Optional.of(new Step.Wait(u.until(), "Healthie API circuit open"));
            default -> Optional.empty();
        };
    }

    /** The event's own time: {@code event_ts}, else the recording files' start or end; never arrival. */
    static Instant eventTime(ThinEvent e, LifecycleEvent le, AppointmentSnapshot snapshot) {
        if (e.eventTs() != null) {
            return e.eventTs();
        }
        if (snapshot == null) {
            return null;
        }
        var files = snapshot.recordingFiles().stream();
        return switch (le) {
            case RECORDING_STARTED ->
                files.map(AppointmentSnapshot.RecordingFile::recordingStart)
                        .filter(Objects::nonNull)
                        .min(Comparator.naturalOrder())
                        .orElse(null);
            case RECORDING_STOPPED, RECORDING_COMPLETED ->
                files.map(AppointmentSnapshot.RecordingFile::recordingEnd)
                        .filter(Objects::nonNull)
                        .max(Comparator.naturalOrder())
                        .orElse(null);
            default -> null;
        };
    }
}
