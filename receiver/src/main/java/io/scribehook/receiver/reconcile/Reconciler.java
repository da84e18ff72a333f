package io.scribehook.receiver.reconcile;

import io.scribehook.core.event.EventTypes;
import io.scribehook.receiver.healthie.FetchResult;
import io.scribehook.receiver.healthie.HealthieClient;
import io.scribehook.receiver.healthie.ListedAppointment;
import io.scribehook.receiver.healthie.SentWebhook;
import io.scribehook.receiver.healthie.TranscriptRef;
import io.scribehook.receiver.inbox.Jobs;
import io.scribehook.receiver.scribe.ScribeStore;
import io.scribehook.scribe.source.TranscriptInfo;
import io.scribehook.store.Database;
import io.scribehook.store.queue.EnqueueResult;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.JobRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds what the webhooks should have brought and did not, and processes it. Two sources:
 *
 * <ol>
 *   <li>{@code sentWebhooks(sent_after)} (failed attempts included; appointment events only, not
 *       the {@code scribe.*} events sent to our own subscribers): for each appointment and event
 *       type, the newest attempt must be in the local webhook log (received from {@link #CLOCK_SKEW}
 *       before it was sent, in any state but rejected). Handlers fetch the current state, so a later
 *       webhook of the same type covers an earlier one. Missing: {@link MissedReason#NOT_RECEIVED},
 *       or {@link MissedReason#REJECTED} when a refused request with the attempt's HTTP status was
 *       logged around its time. Processed by a refresh of the appointment (which queues the
 *       transcript job when a completed transcript turns up).
 *   <li>{@code appointments(startDate, endDate)} with their completed transcripts: an appointment
 *       whose best completed transcript ranks above what was drafted (never processed, or given up
 *       as {@code transcript_missing}, or failed). Processed by the transcript job.
 * </ol>
 *
 * <p>Jobs are queued in one transaction, coalesced with pending ones (a pending job waiting for
 * later is moved to now). Network calls happen outside transactions; logs name ids only.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    /** How far the sender's clock and ours may disagree. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** Attempts per {@code sentWebhooks} request (the hub's largest page). */
    static final int SENT_PAGE = 500;
    /** A bound on pages per source, against a server that never stops answering. */
    static final int MAX_PAGES = 10_000;

    private static final Duration POLL = Duration.ofMillis(250);

    private final Database db;
    private final JobQueue queue;
    private final HealthieClient healthie;
    private final Clock clock;

    public Reconciler(Database db, JobQueue queue, HealthieClient healthie, Clock clock) {
        this.db = db;
        this.queue = queue;
        this.healthie = healthie;
        this.clock = clock;
    }

    /** What {@link #find} found, or why it stopped. */
    public sealed interface Found {
        ReconcileProgress progress();

        record Listed(List<Missed> missed, ReconcileProgress progress) implements Found {}

        record Failed(String reason, List<Missed> missedSoFar, ReconcileProgress progress) implements Found {}
    }

    /**
     * Runs a whole reconcile: finds, queues, then waits up to {@code wait} for the found appointments
     * to be processed (by this process's workers or another instance's), reporting progress.
     */
    public ReconcileReport run(Instant since, Duration wait, Consumer<ReconcileProgress> progress) {
        Instant started = clock.instant();
        Found found = find(since, progress);
        List<Missed> missed = found instanceof Found.Listed l ? l.missed() : ((Found.Failed) found).missedSoFar();
        ReconcileProgress p = found.progress().phase("processing");
        progress.accept(p);
        queue(missed);
        List<String> unprocessed = awaitProcessed(missed, started, wait, p, progress);
        p = p.settled(distinct(missed).size() - unprocessed.size()).phase("done");
        progress.accept(p);
        String error = found instanceof Found.Failed f ? f.reason() : null;
        LOG.info(
                "reconcile since {}: {} appointments found, {} left unprocessed{}",
                since,
                distinct(missed).size(),
                unprocessed.size(),
                error == null ? "" : "; stopped early: " + error);
        return new ReconcileReport(since, started, clock.instant(), p, missed, unprocessed, error);
    }

    /** Lists the appointments missed since {@code since}, from both sources. */
    public Found find(Instant since, Consumer<ReconcileProgress> progress) {
        List<Missed> missed = new ArrayList<>();
        int[] scanned = new int[2];
        progress.accept(ReconcileProgress.START);
        Optional<String> failed = missedWebhooks(since, missed, scanned, progress);
        if (failed.isEmpty()) {
            progress.accept(new ReconcileProgress("appointments", scanned[0], 0, missed.size(), 0));
            failed = unprocessedTranscripts(since, missed, scanned, progress);
        }
        ReconcileProgress p = new ReconcileProgress(
                failed.isEmpty() ? "appointments" : "failed", scanned[0], scanned[1], missed.size(), 0);
        return failed.<Found>map(r -> new Found.Failed(r, missed, p)).orElseGet(() -> new Found.Listed(missed, p));
    }

    /** Source (a); {@code scanned[0]} counts the attempts read. */
    private Optional<String> missedWebhooks(
            Instant since, List<Missed> missed, int[] scanned, Consumer<ReconcileProgress> progress) {
        Map<String, SentWebhook> newest = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        Instant before = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            FetchResult<List<SentWebhook>> answer = healthie.sentWebhooks(since, before, "Appointment", SENT_PAGE);
            if (!(answer instanceof FetchResult.Found<List<SentWebhook>> f)) {
                return Optional.of("sentWebhooks: " + describe(answer));
            }
            int fresh = 0;
            Instant oldest = null;
            for (SentWebhook w : f.value()) {
                if (w.id() != null && !seen.add(w.id())) {
                    continue;
                }
                fresh++;
                if (w.createdAt() != null && (oldest == null || w.createdAt().isBefore(oldest))) {
                    oldest = w.createdAt();
                }
                if (w.resourceId() == null || !EventTypes.isKnown(w.eventType()) || w.createdAt() == null) {
                    // only Healthie's appointment events come here; ours (scribe.*) go to subscribers
                    continue;
                }
                newest.merge(
                        w.resourceId() + "\n" + w.eventType(),
                        w,
                        (a, b) -> b.createdAt().isAfter(a.createdAt()) ? b : a);
            }
            scanned[0] += fresh;
            progress.accept(new ReconcileProgress("sent_webhooks", scanned[0], 0, missed.size(), 0));
            if (f.value().size() < SENT_PAGE || fresh == 0 || oldest == null) {
                break;
            }
            // [after, before): attempts sharing the oldest millisecond may straddle pages; ids dedupe them
            before = oldest.plusMillis(1);
        }
        List<SentWebhook> attempts = new ArrayList<>(newest.values());
        attempts.sort(Comparator.comparing(SentWebhook::createdAt));
        Set<String> listed = new HashSet<>();
        db.jdbi().useHandle(h -> {
            for (SentWebhook w : attempts) {
                Instant from = w.createdAt().minus(CLOCK_SKEW);
                if (LocalState.received(h, w.resourceId(), w.eventType(), from)) {
                    continue;
                }
                String sent = w.eventType() + " sent " + w.createdAt() + " to webhook " + w.webhookId() + ", "
                        + (w.status() == null ? "no answer" : "HTTP " + w.status());
                Optional<String> refused = w.status() == null || !w.failed()
                        ? Optional.empty()
                        : LocalState.rejected(h, w.status(), from, w.createdAt().plus(CLOCK_SKEW));
                MissedReason reason = refused.isPresent() ? MissedReason.REJECTED : MissedReason.NOT_RECEIVED;
                if (listed.add(w.resourceId() + "\n" + reason)) {
                    missed.add(new Missed(
                            w.resourceId(),
                            reason,
                            refused.map(r -> sent + "; refused here (" + r + ")")
                                    .orElse(sent + "; not in the webhook log"),
                            -1));
                }
            }
        });
        return Optional.empty();
    }

    /** Source (b); {@code scanned[1]} counts the appointments read. */
    private Optional<String> unprocessedTranscripts(
            Instant since, List<Missed> missed, int[] scanned, Consumer<ReconcileProgress> progress) {
        Instant until = clock.instant();
        int offset = 0;
        Set<String> seen = new HashSet<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            FetchResult<List<ListedAppointment>> answer = healthie.appointments(since, until, offset);
            if (!(answer instanceof FetchResult.Found<List<ListedAppointment>> f)) {
                return Optional.of("appointments: " + describe(answer));
            }
            if (f.value().isEmpty()) {
                break;
            }
            offset += f.value().size();
            db.jdbi().useHandle(h -> {
                for (ListedAppointment a : f.value()) {
                    if (a.id() == null || !seen.add(a.id())) {
                        continue;
                    }
                    scanned[1]++;
                    Optional<TranscriptInfo> best = a.completedTranscripts().stream()
                            .map(Reconciler::info)
                            .max(Comparator.comparingInt(TranscriptInfo::rank));
                    if (best.isEmpty()
                            || ScribeStore.currentRank(h, a.id()) >= best.get().rank()) {
                        continue;
                    }
                    String state = LocalState.scribeState(h, a.id()).orElse("");
                    MissedReason reason = switch (state) {
                        case "transcript_missing" -> MissedReason.TRANSCRIPT_MISSING;
                        case "failed" -> MissedReason.DRAFT_FAILED;
                        default -> MissedReason.TRANSCRIPT_NOT_PROCESSED;
                    };
                    missed.add(new Missed(
                            a.id(),
                            reason,
                            "transcript " + best.get().id() + " (" + best.get().type() + ") completed"
                                    + (state.isEmpty() ? ", never processed" : ", scribe state " + state),
                            best.get().rank()));
                }
            });
            progress.accept(new ReconcileProgress("appointments", scanned[0], scanned[1], missed.size(), 0));
        }
        return Optional.empty();
    }

    private static TranscriptInfo info(TranscriptRef t) {
        return new TranscriptInfo(t.id(), t.type(), t.start(), t.end());
    }

    /**
     * Queues the work each found appointment needs, in one transaction: a refresh for a missed
     * webhook, the transcript job for an unprocessed transcript. Pending jobs are reused and moved to now.
     */
    public void queue(List<Missed> missed) {
        if (missed.isEmpty()) {
            return;
        }
        db.writer().write(h -> {
            Set<String> done = new HashSet<>();
            for (Missed m : missed) {
                JobRequest r = m.reason().webhook()
                        ? Jobs.refresh(m.appointmentId())
                        : Jobs.scribeTranscript(m.appointmentId());
                if (!done.add(r.uniqueKey())) {
                    continue;
                }
                EnqueueResult e = queue.offer(h, r);
                if (!e.inserted()) {
                    queue.runNow(h, e.id());
                }
            }
            return null;
        });
        queue.nudge(Jobs.QUEUE);
    }

    /** Ids of found appointments not yet processed since {@code runStart}. */
    public List<String> unprocessed(List<Missed> missed, Instant runStart) {
        Map<String, List<Missed>> byAppointment = byAppointment(missed);
        return db.jdbi().withHandle(h -> {
            List<String> out = new ArrayList<>();
            byAppointment.forEach((id, reasons) -> {
                if (!processed(h, id, reasons, runStart)) {
                    out.add(id);
                }
            });
            return out;
        });
    }

    private static boolean processed(org.jdbi.v3.core.Handle h, String id, List<Missed> reasons, Instant runStart) {
        int current = ScribeStore.currentRank(h, id);
        for (Missed m : reasons) {
            if (m.reason().webhook()) {
                if (!LocalState.refreshedSince(h, id, runStart) || LocalState.bestCompletedRank(h, id) > current) {
                    return false;
                }
            } else if (current < m.transcriptRank()) {
                return false;
            }
        }
        return true;
    }

    private List<String> awaitProcessed(
            List<Missed> missed,
            Instant runStart,
            Duration wait,
            ReconcileProgress p,
            Consumer<ReconcileProgress> progress) {
        int total = distinct(missed).size();
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> left = unprocessed(missed, runStart);
        int reported = -1;
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            if (total - left.size() != reported) {
                reported = total - left.size();
                progress.accept(p.settled(reported));
            }
            try {
                Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = unprocessed(missed, runStart);
        }
        return left;
    }

    private static Set<String> distinct(List<Missed> missed) {
        Set<String> ids = new LinkedHashSet<>();
        missed.forEach(m -> ids.add(m.appointmentId()));
        return ids;
    }

    private static Map<String, List<Missed>> byAppointment(List<Missed> missed) {
        Map<String, List<Missed>> out = new LinkedHashMap<>();
        missed.forEach(m ->
                out.computeIfAbsent(m.appointmentId(), k -> new ArrayList<>()).add(m));
        return out;
    }

    private static String describe(FetchResult<?> r) {
        return switch (r) {
            case FetchResult.TransientFailure<?> t -> t.reason();
            case FetchResult.PermanentFailure<?> x -> x.reason();
            case FetchResult.Unavailable<?> u -> "Healthie API circuit open until " + u.until();
            case FetchResult.NotFound<?> n -> "not found";
            case FetchResult.Found<?> f -> "found";
        };
    }
}
