package io.scribehook.hub.graphql;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets, one per API key, in this process's memory (each instance limits on its own).
 * {@link #tryAcquire} takes one token or tells how long until one is there.
 */
public final class RateLimiter {
    private final RateLimit limit;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(RateLimit limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** {@link Duration#ZERO} when the request may go ahead, else the wait until a token is back. */
    public Duration tryAcquire(String keyId) {
        if (limit.off()) {
            return Duration.ZERO;
        }
        Bucket b = buckets.computeIfAbsent(keyId, k -> new Bucket(limit.requests(), clock.millis()));
        synchronized (b) {
            long now = clock.millis();
            double perMilli = limit.requests() / (double) limit.period().toMillis();
            b.tokens = Math.min(limit.requests(), b.tokens + Math.max(0, now - b.at) * perMilli);
            b.at = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofMillis((long) Math.ceil((1 - b.tokens) / perMilli));
        }
    }

    public RateLimit limit() {
        return limit;
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }
}
