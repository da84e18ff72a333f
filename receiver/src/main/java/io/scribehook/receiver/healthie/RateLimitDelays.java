package io.scribehook.receiver.healthie;

import io.scribehook.core.time.Jitter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Back-off after a rate limit: the server's Retry-After (seconds or HTTP date) when given, else
 * {@code base * 2^attempt} ± 20 % jitter; always clamped to {@code [base, max]}.
 */
final class RateLimitDelays {

    private final Duration base;
    private final Duration max;
    private final Clock clock;

    RateLimitDelays(Duration base, Duration max, Clock clock) {
        this.base = base;
        this.max = max.compareTo(base) < 0 ? base : max;
        this.clock = clock;
    }

    Duration delay(int attempt, Optional<String> retryAfter) {
        Optional<Duration> told = retryAfter.flatMap(this::parseRetryAfter);
        Duration d = told.orElseGet(() -> exponential(attempt));
        return clamp(d);
    }

    private Duration exponential(int attempt) {
        long factor = 1L << Math.min(attempt, 20);
        Duration d = base.multipliedBy(factor);
        if (d.compareTo(max) >= 0) {
            return max;
        }
        return Jitter.spread(d, 0.2);
    }

    private Optional<Duration> parseRetryAfter(String value) {
        String v = value.strip();
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        } catch (NumberFormatException e) {
            // an HTTP date
        }
        try {
            Instant at =
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(Duration.between(clock.instant(), at));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private Duration clamp(Duration d) {
        if (d.compareTo(base) < 0) {
            return base;
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
