package io.scribehook.delivery.send;

import io.scribehook.core.time.Jitter;
import io.scribehook.delivery.DeliverySettings;
import io.scribehook.delivery.http.HttpAttempt;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Judges an {@link HttpAttempt}: which {@link DeliveryOutcome}, and when to try again. The next
 * attempt comes after the schedule's delay (± jitter), later if the endpoint's {@code Retry-After}
 * asks (capped at {@link DeliverySettings#retryAfterMax()}), and never sooner than
 * {@link DeliverySettings#slowFloor()} after a 429 or a timeout.
 */
public final class OutcomeRules {
    private final DeliverySettings settings;

    public OutcomeRules(DeliverySettings settings) {
        this.settings = settings;
    }

    /**
     * @param attempt     this attempt's number (1-based)
     * @param lastAttempt whether no attempt follows this one (schedule done, or {@code should_retry: false})
     */
    public DeliveryOutcome judge(HttpAttempt a, int attempt, boolean lastAttempt, Instant now) {
        switch (a) {
            case HttpAttempt.Answered r -> {
                int s = r.status();
                if (s >= 200 && s < 300) {
                    return new DeliveryOutcome.Delivered();
                }
                if (s == 410) {
                    return new DeliveryOutcome.Gone();
                }
                if (s >= 400 && s < 500 && s != 408 && s != 429) {
                    return new DeliveryOutcome.Rejected("HTTP " + s);
                }
                String reason = "HTTP " + s;
                if (lastAttempt) {
                    return new DeliveryOutcome.Exhausted(reason);
                }
                Duration delay = scheduled(attempt);
                Duration asked = retryAfter(r.retryAfter(), now);
                if (asked != null) {
                    delay = max(delay, min(asked, settings.retryAfterMax()));
                }
                if (s == 429) {
                    delay = max(delay, settings.slowFloor());
                }
                return new DeliveryOutcome.Retry(now.plus(delay), reason);
            }
            case HttpAttempt.Failed f -> {
                String reason = f.error().code() + ": " + f.message();
                if (f.error() == HttpAttempt.ErrorClass.TARGET_REFUSED
                        || f.error() == HttpAttempt.ErrorClass.REDIRECT) {
                    return new DeliveryOutcome.Rejected(reason);
                }
                if (lastAttempt) {
                    return new DeliveryOutcome.Exhausted(reason);
                }
                Duration delay = scheduled(attempt);
                if (f.error() == HttpAttempt.ErrorClass.TIMEOUT) {
                    delay = max(delay, settings.slowFloor());
                }
                return new DeliveryOutcome.Retry(now.plus(delay), reason);
            }
        }
    }

    private Duration scheduled(int attempt) {
        return Jitter.spread(settings.schedule().after(attempt), settings.jitter());
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent, malformed or past. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : null;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
