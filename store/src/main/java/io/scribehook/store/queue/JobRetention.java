package io.scribehook.store.queue;

import io.scribehook.core.time.Durations;
import io.scribehook.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes finished jobs (completed or dead) that finished longer than the retention ago, of every
 * queue, in batches of {@code batchSize}, each its own short write, so a large backlog never holds
 * the writer; through the partial index on {@code finished_at}. {@link #start} runs a sweep
 * periodically on a thread of its own; one INFO line per sweep that deleted something.
 */
public final class JobRetention implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobRetention.class);
    private final Database db;
    private final Duration retention;
    private final Clock clock;
    private final int batchSize;
    private final JobSql sql;
    private ScheduledExecutorService scheduler;

    public JobRetention(Database db, Duration retention, Clock clock, int batchSize) {
        this.db = Objects.requireNonNull(db, "db");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention " + retention + " is not allowed; use a positive duration");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize " + batchSize + " is not allowed; use 1 or more");
        }
        this.batchSize = batchSize;
        this.sql = new JobSql(db.dialect());
    }

    /** One sweep: deletes, batch after batch, every job finished before now - retention; returns how many. */
    public int runOnce() {
        Instant cutoff = clock.instant().minus(retention);
        int total = 0;
        int batches = 0;
        int deleted;
        do {
            deleted = db.writer()
                    .write(h -> h.createUpdate(sql.deleteFinished)
                            .bind(0, cutoff.toEpochMilli())
                            .bind(1, batchSize)
                            .execute());
            total += deleted;
            batches++;
        } while (deleted == batchSize && !Thread.currentThread().isInterrupted());
        if (total > 0) {
            LOG.info(
                    "job retention: deleted {} finished jobs older than {} ({} transactions)",
                    total,
                    Durations.format(retention),
                    batches);
        }
        return total;
    }

    /** Sweeps after {@code initialDelay}, then every {@code every}; a failed sweep is logged and retried next time. */
    public synchronized JobRetention start(Duration initialDelay, Duration every) {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("every " + every + " is not allowed; use a positive duration");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r ->
                Thread.ofPlatform().daemon().name("scribehook-job-retention").unstarted(r));
        scheduler.scheduleWithFixedDelay(
                this::runQuietly, initialDelay.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("job retention sweep failed: {}", e.getMessage());
        }
    }

    /** Stops the schedule; a sweep under way stops after its current batch. */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
