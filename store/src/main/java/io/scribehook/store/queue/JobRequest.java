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
 */
public record JobRequest(String queue, String kind, String payload, int priority, Instant runAt, int maxAttempts) {
    public JobRequest {
        requireName(queue, "queue");
        requireName(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts " + maxAttempts + " is not allowed; use 0 (the default) or more");
        }
    }

    /** Priority 0, run now, default attempts. */
    public static JobRequest of(String queue, String kind, String payload) {
        return new JobRequest(queue, kind, payload, 0, null, 0);
    }

    public JobRequest withPriority(int p) {
        return new JobRequest(queue, kind, payload, p, runAt, maxAttempts);
    }

    public JobRequest withRunAt(Instant at) {
        return new JobRequest(queue, kind, payload, priority, at, maxAttempts);
    }

    public JobRequest withMaxAttempts(int n) {
        return new JobRequest(queue, kind, payload, priority, runAt, n);
    }

    private static void requireName(String v, String what) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
