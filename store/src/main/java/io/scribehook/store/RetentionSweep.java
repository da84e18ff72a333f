package io.scribehook.store;

import io.scribehook.core.time.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes rows older than a retention in batches, each its own short write, so a large backlog
 * never holds the writer. What is deleted is the caller's {@link BatchDelete} (finished jobs, the
 * webhook log, ...); {@link #start} runs a sweep periodically on a thread of its own. One INFO line
 * per sweep that deleted something.
 */
public final class RetentionSweep implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweep.class);

    /** Deletes at most {@code batchSize} rows older than {@code cutoff}; returns how many it deleted. */
    @FunctionalInterface
    public interface BatchDelete {
        int delete(Handle h, Instant cutoff, int batchSize);
    }

    private final String what;
    private final Database db;
    private final Duration retention;
    private final Clock clock;
    private final int batchSize;
    private final BatchDelete delete;
    private ScheduledExecutorService scheduler;

    /** @param what names the rows in log lines and the thread, e.g. {@code job retention} */
    public RetentionSweep(
            String what, Database db, Duration retention, Clock clock, int batchSize, BatchDelete delete) {
        this.what = Objects.requireNonNull(what, "what");
        this.db = Objects.requireNonNull(db, "db");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.delete = Objects.requireNonNull(delete, "delete");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention " + retention + " is not allowed; use a positive duration");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize " + batchSize + " is not allowed; use 1 or more");
        }
        this.batchSize = batchSize;
    }

    /** One sweep: deletes, batch after batch, every row older than now - retention; returns how many. */
    public int runOnce() {
        Instant cutoff = clock.instant().minus(retention);
        int total = 0;
        int batches = 0;
        int deleted;
        do {
            deleted = db.writer().write(h -> delete.delete(h, cutoff, batchSize));
            total += deleted;
            batches++;
        } while (deleted == batchSize && !Thread.currentThread().isInterrupted());
        if (total > 0) {
            LOG.info(
                    "{}: deleted {} rows older than {} ({} transactions)",
                    what,
                    total,
                    Durations.format(retention),
                    batches);
        }
        return total;
    }

    /** Sweeps after {@code initialDelay}, then every {@code every}; a failed sweep is logged and retried next time. */
    public synchronized RetentionSweep start(Duration initialDelay, Duration every) {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("every " + every + " is not allowed; use a positive duration");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
                .daemon()
                .name("scribehook-" + what.replace(' ', '-'))
                .unstarted(r));
        scheduler.scheduleWithFixedDelay(
                this::runQuietly, initialDelay.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("{} sweep failed: {}", what, e.getMessage());
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
