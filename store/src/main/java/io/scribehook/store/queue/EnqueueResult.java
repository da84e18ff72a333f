package io.scribehook.store.queue;

/** What {@link JobQueue#offer} did. */
public sealed interface EnqueueResult {
    /** The new job, or the pending job the request was folded into. */
    long id();

    /** Whether a job was inserted. */
    default boolean inserted() {
        return this instanceof Inserted;
    }

    /** A new job was inserted. */
    record Inserted(long id) implements EnqueueResult {}

    /**
     * Nothing was inserted: job {@code id} with the request's unique key is pending (available or
     * retryable) and will do the same work.
     */
    record AlreadyPending(long id) implements EnqueueResult {}
}
