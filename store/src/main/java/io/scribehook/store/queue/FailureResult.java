package io.scribehook.store.queue;

import java.time.Instant;

/**
 * What {@link JobQueue#fail}, {@link JobQueue#retryAt} or {@link JobQueue#snooze} did to a running
 * job that did not complete.
 */
public sealed interface FailureResult {
    long id();

    /** The job will run again, not before {@code at}; {@code attempt} was spent. */
    record Rescheduled(long id, int attempt, Instant at) implements FailureResult {}

    /** Snoozed: the job will run again, not before {@code until}, and the attempt was not spent. */
    record Snoozed(long id, Instant until) implements FailureResult {}

    /**
     * The job was to run again, but job {@code pendingId} with the same unique key was already
     * pending and will do the same work: this one is completed instead.
     */
    record Superseded(long id, long pendingId) implements FailureResult {}

    /** The job is dead: out of attempts or not retryable. */
    record Dead(long id, int attempt) implements FailureResult {}

    /** Rejected: the job is no longer this worker's (lease lost, reclaimed, finished elsewhere). */
    record Stale(long id) implements FailureResult {}
}
