package io.scribehook.receiver.inbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Picks which refused requests are logged and recorded: at most one per reason per period (a
 * second by default), so a flood of bad requests costs neither the log nor the database writer
 * more than a line and a row a second per reason. Every refusal is still counted by the metrics.
 */
public final class RefusalSample {
    private final Clock clock;
    private final long periodMillis;
    private final Map<String, AtomicLong> lastTaken = new ConcurrentHashMap<>();

    public RefusalSample(Clock clock, Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period " + period + " is not allowed; use a positive duration");
        }
        this.clock = clock;
        this.periodMillis = period.toMillis();
    }

    /** One per reason a second. */
    public RefusalSample(Clock clock) {
        this(clock, Duration.ofSeconds(1));
    }

    /** Whether this refusal is the one of its period to log and record. */
    public boolean take(String reason) {
        long now = clock.millis();
        AtomicLong last = lastTaken.computeIfAbsent(reason, r -> new AtomicLong(now - periodMillis));
        long previous = last.get();
        return now - previous >= periodMillis && last.compareAndSet(previous, now);
    }
}
