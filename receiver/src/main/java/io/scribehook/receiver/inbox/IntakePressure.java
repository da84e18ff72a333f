package io.scribehook.receiver.inbox;

import io.scribehook.store.queue.WorkerPool;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets acknowledging webhooks take precedence over processing them during a burst: while at least
 * {@code threshold} webhooks wait for their commit at once, and for {@code hold} after the last
 * time they did, the processing pool runs one job at a time instead of its full concurrency. Both
 * share the CPU and the single SQLite writer, and a slow acknowledgement makes the sender retry.
 * Processing never stops; the backlog is worked off at full speed once the burst ends.
 */
public final class IntakePressure implements WorkerPool.Throttle {
    /** Webhooks waiting for their commit at once that count as a burst. */
    public static final int DEFAULT_THRESHOLD = 4;
    /** How long processing stays throttled after the last sign of a burst. */
    public static final Duration DEFAULT_HOLD = Duration.ofMillis(250);

    private final Clock clock;
    private final int threshold;
    private final long holdMillis;
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile long throttledUntil = Long.MIN_VALUE;

    public IntakePressure(Clock clock, int threshold, Duration hold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold " + threshold + " is not allowed; use 1 or more");
        }
        this.clock = clock;
        this.threshold = threshold;
        this.holdMillis = hold.toMillis();
    }

    public IntakePressure(Clock clock) {
        this(clock, DEFAULT_THRESHOLD, DEFAULT_HOLD);
    }

    /** A webhook starts waiting for its commit; pair with {@link #left()}. */
    public void entered() {
        if (waiting.incrementAndGet() >= threshold) {
            throttledUntil = clock.millis() + holdMillis;
        }
    }

    /** The webhook's commit returned (or failed). */
    public void left() {
        waiting.decrementAndGet();
    }

    /** Whether processing is throttled now. */
    public boolean throttling() {
        return clock.millis() < throttledUntil;
    }

    @Override
    public int limit() {
        return throttling() ? 1 : Integer.MAX_VALUE;
    }
}
