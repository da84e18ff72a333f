package io.scribehook.hub.graphql;

import io.scribehook.core.time.Durations;
import java.time.Duration;
import java.util.Locale;

/**
 * The per-key request allowance of {@code /graphql}: {@code requests} per {@code period}, as a
 * token bucket that holds at most {@code requests} and refills continuously; {@link #OFF} allows
 * everything.
 */
public record RateLimit(int requests, Duration period) {
    public static final RateLimit OFF = new RateLimit(0, Duration.ZERO);
    /** The default: 250 requests a minute per key. */
    public static final RateLimit DEFAULT = new RateLimit(250, Duration.ofMinutes(1));

    public RateLimit {
        if (requests < 0 || period.isNegative() || (requests == 0) != period.isZero()) {
            throw new IllegalArgumentException("a rate limit needs a positive count and period, or neither (off)");
        }
    }

    public boolean off() {
        return requests == 0;
    }

    /**
     * Reads {@code off} or {@code N/DURATION} ({@code 250/1m}, {@code 10/1s}).
     *
     * @throws IllegalArgumentException saying what is allowed
     */
    public static RateLimit parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("off")) {
            return OFF;
        }
        int slash = t.indexOf('/');
        try {
            if (slash > 0) {
                int n = Integer.parseInt(t.substring(0, slash).strip());
                Duration d = Durations.parse(t.substring(slash + 1).strip());
                if (n > 0 && !d.isZero() && !d.isNegative()) {
                    return new RateLimit(n, d);
                }
            }
        } catch (RuntimeException e) {
            // answered below
        }
        throw new IllegalArgumentException("expected off or REQUESTS/DURATION such as 250/1m");
    }

    @Override
    public String toString() {
        return off() ? "off" : requests + " per " + period;
    }
}
