package io.scribehook.store.queue;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Queue timing.
 *
 * @param lease             how long a claim holds a job without a heartbeat
 * @param heartbeatInterval how often workers renew leases (and sweep expired ones); less than lease
 * @param backoff           delay before attempt n+1 is {@code backoff[n-1]}, the last entry repeating
 * @param jitter            each delay is spread by ± this fraction (0 to below 1)
 * @param maxAttempts       default attempts per job
 * @param pollInterval      idle workers claim at least this often even without a wake-up (± 10 %)
 */
public record QueueSettings(
        Duration lease,
        Duration heartbeatInterval,
        List<Duration> backoff,
        double jitter,
        int maxAttempts,
        Duration pollInterval) {
    public QueueSettings {
        positive(lease, "lease");
        positive(heartbeatInterval, "heartbeatInterval");
        positive(pollInterval, "pollInterval");
        if (heartbeatInterval.compareTo(lease) >= 0) {
            throw new IllegalArgumentException(
                    "heartbeatInterval " + heartbeatInterval + " must be shorter than the lease " + lease);
        }
        Objects.requireNonNull(backoff, "backoff");
        if (backoff.isEmpty()) {
            throw new IllegalArgumentException("backoff must hold at least one duration");
        }
        for (Duration d : backoff) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("backoff " + backoff + " holds a negative or missing duration");
            }
        }
        backoff = List.copyOf(backoff);
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter " + jitter + " is not allowed; use 0 up to (not including) 1");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts " + maxAttempts + " is not allowed; use 1 or more");
        }
    }

    /** Lease 30s, heartbeat 10s, backoff 1s,5s,30s,2m,10m,1h, jitter 0.2, 8 attempts, poll 1s. */
    public static QueueSettings defaults() {
        return new QueueSettings(
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                List.of(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(10),
                        Duration.ofHours(1)),
                0.2,
                8,
                Duration.ofSeconds(1));
    }

    /** The delay after failed attempt {@code attempt} (1-based), before jitter. */
    public Duration backoffAfter(int attempt) {
        return backoff.get(Math.max(0, Math.min(attempt, backoff.size()) - 1));
    }

    public QueueSettings withLease(Duration d) {
        return new QueueSettings(d, heartbeatInterval, backoff, jitter, maxAttempts, pollInterval);
    }

    public QueueSettings withHeartbeatInterval(Duration d) {
        return new QueueSettings(lease, d, backoff, jitter, maxAttempts, pollInterval);
    }

    public QueueSettings withBackoff(List<Duration> b) {
        return new QueueSettings(lease, heartbeatInterval, b, jitter, maxAttempts, pollInterval);
    }

    public QueueSettings withJitter(double j) {
        return new QueueSettings(lease, heartbeatInterval, backoff, j, maxAttempts, pollInterval);
    }

    public QueueSettings withMaxAttempts(int n) {
        return new QueueSettings(lease, heartbeatInterval, backoff, jitter, n, pollInterval);
    }

    public QueueSettings withPollInterval(Duration d) {
        return new QueueSettings(lease, heartbeatInterval, backoff, jitter, maxAttempts, d);
    }

    private static void positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " " + d + " is not allowed; use a positive duration");
        }
    }
}
