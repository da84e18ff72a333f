package io.scribehook.store.queue;

import java.time.Instant;
import java.util.Objects;

/**
 * A job to enqueue.
 *
 * @param queue       queue name (workers claim per queue)
 * @param kind        what the handler should do; free text such as {@code fetch-appointment}
 * @param payload     handler input, usually JSON; IDs only, never PHI
 * @param priority    lower runs first
 * @param runAt       not before this instant; null means now (the queue's clock at enqueue)
 * @param maxAttempts attempts before the job is dead; 0 means {@link QueueSettings#maxAttempts()}
 * @param uniqueKey   null, or a key of which the queue holds at most one pending (available or
 *                    retryable) job: enqueueing another while one waits inserts nothing (see
 *                    {@link JobQueue#offer}); a running job does not count, so a request arriving
 *                    while it runs schedules another. IDs only, never PHI
 */
public record JobRequest(
        String queue, String kind, String payload, int priority, Instant runAt, int maxAttempts, String uniqueKey) {
    /** The longest unique key accepted (it is indexed). */
    public static final int MAX_UNIQUE_KEY_LENGTH = 512;

    public JobRequest {
        requireName(queue, "queue");
        requireName(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        if (maxAttempts < 0) {
            throw new IllegalArgumentException(
                    "maxAttempts " + maxAttempts + " is not allowed; use 0 (the default) or more");
        }
        if (uniqueKey != null && (uniqueKey.isBlank() || uniqueKey.length() > MAX_UNIQUE_KEY_LENGTH)) {
            throw new IllegalArgumentException(
                    "uniqueKey of " + uniqueKey.length() + " characters is not allowed; use null " + "(no key) or 1 to "
                            + MAX_UNIQUE_KEY_LENGTH + " characters, not all blank");
        }
    }

    /** Priority 0, run now, default attempts, no unique key. */
    public static JobRequest of(String queue, String kind, String payload) {
        return new JobRequest(queue, kind, payload, 0, null, 0, null);
    }

    public JobRequest withPriority(int p) {
        return new JobRequest(queue, kind, payload, p, runAt, maxAttempts, uniqueKey);
    }

    public JobRequest withRunAt(Instant at) {
        return new JobRequest(queue, kind, payload, priority, at, maxAttempts, uniqueKey);
    }

    public JobRequest withMaxAttempts(int n) {
        return new JobRequest(queue, kind, payload, priority, runAt, n, uniqueKey);
    }

    /** At most one pending job of this queue with {@code key}; null for none. */
    public JobRequest withUniqueKey(String key) {
        return new JobRequest(queue, kind, payload, priority, runAt, maxAttempts, key);
    }

    private static void requireName(String v, String what) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
