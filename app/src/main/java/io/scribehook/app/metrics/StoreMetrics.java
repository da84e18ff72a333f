package io.scribehook.app.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.scribehook.store.Database;
import io.scribehook.store.GroupCommitter;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Meters of the store: commits and units per commit of the group committer, and the number of jobs
 * in each state per queue (read at most once a second, so scrapes do not load the database).
 */
public final class StoreMetrics {
    private StoreMetrics() {
    }

    public static void bind(MeterRegistry registry, Database db) {
        GroupCommitter w = db.writer();
        FunctionCounter.builder("scribehook_store_commits", w, GroupCommitter::commits)
                .description("transactions committed by the group committer").register(registry);
        FunctionCounter.builder("scribehook_store_units_committed", w, GroupCommitter::unitsCommitted)
                .description("units of work committed; divided by commits gives units per commit").register(registry);
    }

    public static void bindQueue(MeterRegistry registry, JobQueue queue, String queueName) {
        CachedCounts cache = new CachedCounts(queue, queueName);
        for (JobState state : JobState.values()) {
            Gauge.builder("scribehook_jobs", cache, c -> c.get().getOrDefault(state, 0L))
                    .description("jobs by queue and state")
                    .tag("queue", queueName).tag("state", state.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry);
        }
    }

    private static final class CachedCounts {
        private final JobQueue queue;
        private final String name;
        private final AtomicReference<Instant> readAt = new AtomicReference<>(Instant.EPOCH);
        private volatile Map<JobState, Long> counts = new EnumMap<>(JobState.class);

        CachedCounts(JobQueue queue, String name) {
            this.queue = queue;
            this.name = name;
        }

        Map<JobState, Long> get() {
            Instant now = Instant.now();
            Instant last = readAt.get();
            if (Duration.between(last, now).compareTo(Duration.ofSeconds(1)) > 0 && readAt.compareAndSet(last, now)) {
                try {
                    counts = queue.counts(name);
                } catch (RuntimeException e) {
                    // database unreachable: keep the last known counts; /readyz reports the outage
                }
            }
            return counts;
        }
    }
}
