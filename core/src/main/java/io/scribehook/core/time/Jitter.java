package io.scribehook.core.time;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Spreads delays so that many waiters do not wake at the same instant: {@code spread(d, 0.2)} is a
 * duration uniformly in {@code [0.8 d, 1.2 d]}. The one jitter of the project (queue backoff, poll
 * intervals, rate-limit backoff, snoozes).
 */
public final class Jitter {
    private Jitter() {}

    /**
     * {@code d} times a uniform factor in {@code [1 - fraction, 1 + fraction]}, in whole milliseconds
     * (at least 1 ms when {@code d} is positive).
     *
     * @throws IllegalArgumentException when {@code fraction} is not in {@code [0, 1)}
     */
    public static Duration spread(Duration d, double fraction) {
        return Duration.ofMillis(spreadMillis(d.toMillis(), fraction));
    }

    /** {@link #spread(Duration, double)} on milliseconds. */
    public static long spreadMillis(long millis, double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException(
                    "jitter fraction " + fraction + " is not allowed; use 0 up to (not including) 1");
        }
        if (millis <= 0 || fraction == 0) {
            return millis;
        }
        double f = 1 + fraction * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        return Math.max(1, Math.round(millis * f));
    }
}
