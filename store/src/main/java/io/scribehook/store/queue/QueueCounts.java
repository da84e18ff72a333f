package io.scribehook.store.queue;

/**
 * Jobs of one queue by state, as {@link JobQueue#counts} read them. Completed jobs are not counted
 * (they are most of the table; only a scan could count them): count completions as they happen.
 */
public record QueueCounts(long available, long running, long retryable, long dead) {
    /** The count for {@code state}; {@link JobState#COMPLETED} is not counted and is rejected. */
    public long of(JobState state) {
        return switch (state) {
            case AVAILABLE -> available;
            case RUNNING -> running;
            case RETRYABLE -> retryable;
            case DEAD -> dead;
            case COMPLETED ->
                throw new IllegalArgumentException("completed jobs are not counted; count completions instead");
        };
    }
}
