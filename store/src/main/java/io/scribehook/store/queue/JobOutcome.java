package io.scribehook.store.queue;

import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link JobHandler} reports. A handler completes its job itself, with
 * {@link JobQueue#complete(org.jdbi.v3.core.Handle, Job)} in the transaction that records its
 * effects, and returns {@link Completed}; every other outcome the {@link WorkerPool} records, unless
 * the handler recorded it itself ({@link Recorded}).
 */
public sealed interface JobOutcome {
    /** The handler completed the job; {@code result} is what {@link JobQueue#complete} returned. */
    record Completed(CompletionResult result) implements JobOutcome {
        public Completed {
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * The handler recorded a failure itself, with {@link JobQueue#fail}, {@link JobQueue#retryAt} or
     * {@link JobQueue#snooze} taking its {@link org.jdbi.v3.core.Handle} (say, with an attempt log
     * row); {@code result} is what that call returned.
     */
    record Recorded(FailureResult result) implements JobOutcome {
        public Recorded {
            Objects.requireNonNull(result, "result");
        }
    }

    /** Try again after the queue's backoff (dead once out of attempts). */
    record Retry(String reason) implements JobOutcome {}

    /**
     * A failed attempt to run again not before {@code at} (a {@code Retry-After}, say): spends the
     * attempt, dead once out of attempts.
     */
    record RetryAt(Instant at, String reason) implements JobOutcome {
        public RetryAt {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * Not now: run again not before {@code until} without spending an attempt (while a circuit
     * breaker is open, say).
     */
    record Snooze(Instant until, String reason) implements JobOutcome {
        public Snooze {
            Objects.requireNonNull(until, "until");
        }
    }

    /** Failed for good: the job is dead now. */
    record Fail(String reason) implements JobOutcome {}

    static JobOutcome retry(String reason) {
        return new Retry(reason);
    }

    static JobOutcome retryAt(Instant at, String reason) {
        return new RetryAt(at, reason);
    }

    static JobOutcome snooze(Instant until, String reason) {
        return new Snooze(until, reason);
    }

    static JobOutcome fail(String reason) {
        return new Fail(reason);
    }
}
