package io.scribehook.delivery.send;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * At most {@code limit} deliveries in flight per webhook in this process, so a slow or hanging
 * endpoint holds that many of the pool's slots and never all of them: a delivery that finds its
 * endpoint full is snoozed instead of waiting in a slot.
 */
final class EndpointLimiter {
    private final int limit;
    private final ConcurrentHashMap<Long, Semaphore> permits = new ConcurrentHashMap<>();

    EndpointLimiter(int limit) {
        this.limit = limit;
    }

    boolean tryAcquire(long webhookId) {
        return permits.computeIfAbsent(webhookId, id -> new Semaphore(limit)).tryAcquire();
    }

    void release(long webhookId) {
        permits.get(webhookId).release();
    }

    /** Deliveries in flight to {@code webhookId} now. */
    int inFlight(long webhookId) {
        Semaphore s = permits.get(webhookId);
        return s == null ? 0 : limit - s.availablePermits();
    }
}
