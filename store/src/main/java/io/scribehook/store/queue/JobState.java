package io.scribehook.store.queue;

import java.util.Locale;

/** Where a job is in its life; stored lower-case in {@code jobs.state}. */
public enum JobState {
    /** Waiting to be claimed once {@code scheduled_at} has come. */
    AVAILABLE,
    /** Claimed by a worker holding a lease. */
    RUNNING,
    /** Failed (or its worker vanished) and waits for its next attempt at {@code scheduled_at}. */
    RETRYABLE,
    /** Done. */
    COMPLETED,
    /** Out of attempts, or failed for good. */
    DEAD;

    /** The stored form. */
    public String sql() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the stored form. */
    public static JobState fromSql(String s) {
        return switch (s) {
            case "available" -> AVAILABLE;
            case "running" -> RUNNING;
            case "retryable" -> RETRYABLE;
            case "completed" -> COMPLETED;
            case "dead" -> DEAD;
            default -> valueOf(s.toUpperCase(Locale.ROOT));
        };
    }

    /** Completed or dead: nothing more will happen to it. */
    public boolean finished() {
        return this == COMPLETED || this == DEAD;
    }
}
