package io.scribehook.store.queue;

/** What a {@link JobHandler} reports. */
public sealed interface JobOutcome {
    /** The job is done. */
    JobOutcome DONE = new Done();

    /** The job is done. */
    record Done() implements JobOutcome {
    }

    /**
     * The handler completed the job itself, with {@link JobQueue#complete(org.jdbi.v3.core.Handle, Job)}
     * in the transaction that recorded its effects (one commit instead of two); {@code result} is
     * what that call returned.
     */
    record Completed(CompletionResult result) implements JobOutcome {
    }

    /** Try again after the backoff (dead once out of attempts). */
    record Retry(String reason) implements JobOutcome {
    }

    /** Failed for good: the job is dead now. */
    record Fail(String reason) implements JobOutcome {
    }

    static JobOutcome done() {
        return DONE;
    }

    static JobOutcome retry(String reason) {
        return new Retry(reason);
    }

    static JobOutcome fail(String reason) {
        return new Fail(reason);
    }
}
