package io.scribehook.store.queue;

import java.time.Instant;

/** What {@link JobQueue#fail} did. */
public sealed interface FailureResult {
    long id();

    /** The job will run again, not before {@code at}. */
    record Rescheduled(long id, int attempt, Instant at) implements FailureResult {
    }

    /** The job is dead: out of attempts or not retryable. */
    record Dead(long id, int attempt) implements FailureResult {
    }

    /** Rejected: the job is no longer this worker's (lease lost, reclaimed, finished elsewhere). */
    record Stale(long id) implements FailureResult {
    }
}
