package io.scribehook.store.queue;

/** What {@link JobQueue#complete} did. */
public sealed interface CompletionResult {
    long id();

    /** The job is completed. */
    record Completed(long id) implements CompletionResult {}

    /** Rejected: the job is no longer this worker's (lease lost, reclaimed, finished elsewhere). */
    record Stale(long id) implements CompletionResult {}
}
