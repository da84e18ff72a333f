package io.scribehook.receiver.reconcile;

import io.scribehook.receiver.inbox.Jobs;
import io.scribehook.store.Database;
import io.scribehook.store.queue.Job;
import io.scribehook.store.queue.JobOutcome;
import io.scribehook.store.queue.JobQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic reconcile ({@link Jobs#RECONCILE}): every {@code interval}, one pass over the last
 * {@code window}; found appointments are queued, not waited for (the next pass sees what is still
 * missing). It is a queued job with a unique key, so with several instances one runs it at a time.
 * Each pass queues the next in the transaction that completes it. With the interval off, a pass
 * left pending by an earlier configuration completes without running.
 */
public final class PeriodicReconcile {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicReconcile.class);
    private final Database db;
    private final JobQueue queue;
    private final Optional<Reconciler> reconciler;
    private final Optional<Duration> interval;
    private final Duration window;
    private final Clock clock;

    /** @param reconciler empty without a Healthie API (nothing to reconcile against) */
    public PeriodicReconcile(
            Database db,
            JobQueue queue,
            Optional<Reconciler> reconciler,
            Optional<Duration> interval,
            Duration window,
            Clock clock) {
        this.db = db;
        this.queue = queue;
        this.reconciler = reconciler;
        this.interval = interval;
        this.window = window;
        this.clock = clock;
    }

    /** Queues the first pass one interval from now, unless one is pending or the schedule is off. */
    public void schedule() {
        if (interval.isPresent() && reconciler.isPresent()) {
            queue.offer(Jobs.reconcile(clock.instant().plus(interval.get())));
        }
    }

    /** Runs one pass and queues the next. */
    public JobOutcome handle(Job job) {
        if (interval.isEmpty() || reconciler.isEmpty()) {
            return new JobOutcome.Completed(db.writer().write(h -> queue.complete(h, job)));
        }
        Reconciler r = reconciler.get();
        Reconciler.Found found = r.find(clock.instant().minus(window), p -> {});
        List<Missed> missed = switch (found) {
            case Reconciler.Found.Listed l -> l.missed();
            case Reconciler.Found.Failed f -> {
                LOG.warn("periodic reconcile stopped early: {}", f.reason());
                yield f.missedSoFar();
            }
        };
        r.queue(missed);
        if (!missed.isEmpty()) {
            LOG.info(
                    "periodic reconcile: {} missed, queued: {}",
                    missed.size(),
                    missed.stream()
                            .map(m -> m.appointmentId() + " (" + m.reason().id() + ")")
                            .toList());
        }
        return new JobOutcome.Completed(db.writer().write(h -> {
            queue.offer(h, Jobs.reconcile(clock.instant().plus(interval.get())));
            return queue.complete(h, job);
        }));
    }
}
