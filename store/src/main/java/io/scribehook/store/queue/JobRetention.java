package io.scribehook.store.queue;

import io.scribehook.store.Database;
import io.scribehook.store.RetentionSweep;
import java.time.Clock;
import java.time.Duration;

/**
 * Deletes finished jobs (completed or dead) that finished longer than the retention ago, of every
 * queue, through the partial index on {@code finished_at}: a {@link RetentionSweep} over the jobs.
 */
public final class JobRetention implements AutoCloseable {
    private final RetentionSweep sweep;

    public JobRetention(Database db, Duration retention, Clock clock, int batchSize) {
        JobSql sql = new JobSql(db.dialect());
        this.sweep = new RetentionSweep(
                "job retention",
                db,
                retention,
                clock,
                batchSize,
                (h, cutoff, batch) -> h.createUpdate(sql.deleteFinished)
                        .bind(0, cutoff.toEpochMilli())
                        .bind(1, batch)
                        .execute());
    }

    /** One sweep; returns how many jobs it deleted. */
    public int runOnce() {
        return sweep.runOnce();
    }

    /** Sweeps after {@code initialDelay}, then every {@code every}. */
    public JobRetention start(Duration initialDelay, Duration every) {
        sweep.start(initialDelay, every);
        return this;
    }

    @Override
    public void close() {
        sweep.close();
    }
}
