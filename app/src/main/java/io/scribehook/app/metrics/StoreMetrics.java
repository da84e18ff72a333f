package io.scribehook.app.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.scribehook.store.Database;
import io.scribehook.store.GroupCommitter;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.JobState;
import io.scribehook.store.queue.QueueCounts;
import io.scribehook.store.queue.WorkerPool;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToLongFunction;

/**
 * Meters of the store: commits and units per commit of the group committer; per queue, the jobs
 * waiting, running and dead ({@code scribehook_jobs{queue,state}}, read through partial indexes at
 * most every {@value #COUNTS_MAX_AGE_SECONDS} s, off the scrape thread) and what its workers in this
 * process did ({@code scribehook_job_outcomes_total{queue,outcome}}; completed jobs are counted
 * here, as they happen, instead of in the table, where only a scan could count them).
 *
 * <p>Micrometer holds a gauge's or function counter's state object weakly: everything registered
 * here is held strongly by its meter, or it would read NaN once collected.
 */
public final class StoreMetrics {
    static final long COUNTS_MAX_AGE_SECONDS = 5;
    private static final List<JobState> COUNTED =
            List.of(JobState.AVAILABLE, JobState.RUNNING, JobState.RETRYABLE, JobState.DEAD);

    private StoreMetrics() {}

    public static void bind(MeterRegistry registry, Database db) {
        GroupCommitter w = db.writer();
        FunctionCounter.builder("scribehook_store_commits", w, GroupCommitter::commits)
                .description("transactions committed by the group committer")
                .register(registry);
        FunctionCounter.builder("scribehook_store_units_committed", w, GroupCommitter::unitsCommitted)
                .description("units of work committed; divided by commits gives units per commit")
                .register(registry);
    }

    /** Binds the meters of {@code pool}'s queue and of its outcomes. */
    public static void bindQueue(MeterRegistry registry, WorkerPool pool) {
        CachedCounts cache = new CachedCounts(pool);
        for (JobState state : COUNTED) {
            Gauge.builder("scribehook_jobs", cache, c -> c.get(state))
                    .description("jobs by queue and state (completed ones: scribehook_job_outcomes_total)")
                    .tag("queue", pool.queueName())
                    .tag("state", state.sql())
                    .strongReference(true)
                    .register(registry);
        }
        outcome(registry, cache, "completed", WorkerPool::completed);
        outcome(registry, cache, "retried", WorkerPool::retried);
        outcome(registry, cache, "snoozed", WorkerPool::snoozed);
        outcome(registry, cache, "superseded", WorkerPool::superseded);
        outcome(registry, cache, "dead", WorkerPool::dead);
        outcome(registry, cache, "stale", WorkerPool::stale);
    }

    private static void outcome(
            MeterRegistry registry, CachedCounts cache, String outcome, ToLongFunction<WorkerPool> count) {
        // the cache (held strongly by the gauges) holds the pool, so this weak reference stays valid
        FunctionCounter.builder("scribehook_job_outcomes", cache, c -> count.applyAsLong(c.pool))
                .description("jobs finished by this process's workers, by outcome")
                .tag("queue", cache.pool.queueName())
                .tag("outcome", outcome)
                .register(registry);
    }

    /** The latest counts; a read older than the maximum age starts a new one on a virtual thread. */
    private static final class CachedCounts {
        private static final long MAX_AGE_NANOS =
                Duration.ofSeconds(COUNTS_MAX_AGE_SECONDS).toNanos();
        private final WorkerPool pool;
        private final JobQueue queue;
        private final String name;
        private final AtomicBoolean reading = new AtomicBoolean();
        private volatile QueueCounts counts;
        private volatile long readStartedAt;

        CachedCounts(WorkerPool pool) {
            this.pool = pool;
            this.queue = pool.queue();
            this.name = pool.queueName();
            refreshIfOld();
        }

        /** The count, or NaN until the first read has answered. */
        double get(JobState state) {
            refreshIfOld();
            QueueCounts c = counts;
            return c == null ? Double.NaN : c.of(state);
        }

        private void refreshIfOld() {
            long now = System.nanoTime();
            if ((counts == null || now - readStartedAt > MAX_AGE_NANOS) && reading.compareAndSet(false, true)) {
                readStartedAt = now;
                Thread.ofVirtual().name("scribehook-job-counts-" + name).start(() -> {
                    try {
                        counts = queue.counts(name);
                    } catch (RuntimeException e) {
                        // database unreachable: keep the last known counts; /readyz reports the outage
                    } finally {
                        reading.set(false);
                    }
                });
            }
        }
    }
}
