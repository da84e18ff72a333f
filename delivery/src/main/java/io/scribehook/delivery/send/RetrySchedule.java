package io.scribehook.delivery.send;

import io.scribehook.core.time.Durations;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The delays between delivery attempts: after failed attempt n comes {@code delays[n-1]} (± jitter);
 * after the last delay's attempt the message has failed for good. The default covers 72 hours, as
 * the guide's sender promises: 5s, 30s, 2m, 10m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 12h, 12h, 14h
 * (15 attempts over about 71.7 h).
 */
public record RetrySchedule(List<Duration> delays) {
    public static final RetrySchedule DEFAULT = parse("5s,30s,2m,10m,30m,1h,2h,4h,6h,8h,12h,12h,12h,14h");

    public RetrySchedule {
        if (delays == null || delays.isEmpty()) {
            throw new IllegalArgumentException("a retry schedule holds at least one delay");
        }
        for (Duration d : delays) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("retry delays must be positive, not " + Durations.format(d));
            }
        }
        delays = List.copyOf(delays);
    }

    /** A comma-separated list such as {@code 30s,5m,1h}. */
    public static RetrySchedule parse(String text) {
        return new RetrySchedule(Durations.parseList(text));
    }

    /** Attempts in all: the first one and one per delay. */
    public int attempts() {
        return delays.size() + 1;
    }

    /** The delay after failed attempt {@code attempt} (1-based); the last one for attempts beyond. */
    public Duration after(int attempt) {
        return delays.get(Math.max(0, Math.min(attempt, delays.size()) - 1));
    }

    /** The sum of the delays: how long a message is retried. */
    public Duration span() {
        return delays.stream().reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public String toString() {
        return delays.stream().map(Durations::format).collect(Collectors.joining(","));
    }
}
