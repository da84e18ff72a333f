package io.scribehook.delivery;

import io.scribehook.delivery.http.Cidr;
import io.scribehook.delivery.http.DeliveryClient;
import io.scribehook.delivery.send.RetrySchedule;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the engine delivers.
 *
 * @param schedule               {@code SCRIBEHOOK_HUB_RETRY_SCHEDULE}: delays between attempts
 * @param jitter                 each delay spread by ± this fraction
 * @param warnAfter              {@code SCRIBEHOOK_HUB_WARN_AFTER}: continuous failure before {@code warned_at}
 * @param disableAfter           {@code SCRIBEHOOK_HUB_DISABLE_AFTER}: continuous failure before disabling
 * @param sentRetention          {@code SCRIBEHOOK_HUB_SENT_RETENTION}: attempt log (and finished messages) kept this long
 * @param allowedTargets         {@code SCRIBEHOOK_HUB_ALLOWED_TARGETS}: internal ranges deliveries may reach
 * @param client                 timeouts, redirects, trust store
 * @param concurrency            deliveries in flight per process
 * @param perEndpointConcurrency deliveries in flight per webhook per process (a slow endpoint holds no more)
 * @param endpointBusySnooze     how long a delivery waits (no attempt spent) when its endpoint is at its limit
 * @param retryAfterMax          the longest {@code Retry-After} honoured
 * @param slowFloor              the shortest delay after a 429 or a timeout
 */
public record DeliverySettings(
        RetrySchedule schedule,
        double jitter,
        Duration warnAfter,
        Duration disableAfter,
        Duration sentRetention,
        List<Cidr> allowedTargets,
        DeliveryClient.Settings client,
        int concurrency,
        int perEndpointConcurrency,
        Duration endpointBusySnooze,
        Duration retryAfterMax,
        Duration slowFloor) {
    public DeliverySettings {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(client, "client");
        allowedTargets = List.copyOf(allowedTargets);
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter " + jitter + " is not allowed; use 0 up to (not including) 1");
        }
        if (warnAfter.compareTo(disableAfter) > 0) {
            throw new IllegalArgumentException(
                    "warnAfter " + warnAfter + " must not exceed disableAfter " + disableAfter);
        }
        if (concurrency < 1 || perEndpointConcurrency < 1) {
            throw new IllegalArgumentException("concurrency and perEndpointConcurrency must be 1 or more");
        }
    }

    /** The documented defaults: 72 h schedule, warn after 24 h, disable after 72 h, keep 180 days, nothing internal allowed. */
    public static DeliverySettings defaults() {
        return new DeliverySettings(
                RetrySchedule.DEFAULT,
                0.2,
                Duration.ofHours(24),
                Duration.ofHours(72),
                Duration.ofDays(180),
                List.of(),
                DeliveryClient.Settings.defaults(),
                32,
                8,
                Duration.ofSeconds(1),
                Duration.ofHours(6),
                Duration.ofSeconds(30));
    }

    public DeliverySettings withSchedule(RetrySchedule s) {
        return new DeliverySettings(
                s,
                jitter,
                warnAfter,
                disableAfter,
                sentRetention,
                allowedTargets,
                client,
                concurrency,
                perEndpointConcurrency,
                endpointBusySnooze,
                retryAfterMax,
                slowFloor);
    }

    public DeliverySettings withJitter(double j) {
        return new DeliverySettings(
                schedule,
                j,
                warnAfter,
                disableAfter,
                sentRetention,
                allowedTargets,
                client,
                concurrency,
                perEndpointConcurrency,
                endpointBusySnooze,
                retryAfterMax,
                slowFloor);
    }

    public DeliverySettings withFailureThresholds(Duration warn, Duration disable) {
        return new DeliverySettings(
                schedule,
                jitter,
                warn,
                disable,
                sentRetention,
                allowedTargets,
                client,
                concurrency,
                perEndpointConcurrency,
                endpointBusySnooze,
                retryAfterMax,
                slowFloor);
    }

    public DeliverySettings withSentRetention(Duration d) {
        return new DeliverySettings(
                schedule,
                jitter,
                warnAfter,
                disableAfter,
                d,
                allowedTargets,
                client,
                concurrency,
                perEndpointConcurrency,
                endpointBusySnooze,
                retryAfterMax,
                slowFloor);
    }

    public DeliverySettings withAllowedTargets(List<Cidr> a) {
        return new DeliverySettings(
                schedule,
                jitter,
                warnAfter,
                disableAfter,
                sentRetention,
                a,
                client,
                concurrency,
                perEndpointConcurrency,
                endpointBusySnooze,
                retryAfterMax,
                slowFloor);
    }

    public DeliverySettings withClient(DeliveryClient.Settings c) {
        return new DeliverySettings(
                schedule,
                jitter,
                warnAfter,
                disableAfter,
                sentRetention,
                allowedTargets,
                c,
                concurrency,
                perEndpointConcurrency,
                endpointBusySnooze,
                retryAfterMax,
                slowFloor);
    }

    public DeliverySettings withConcurrency(int all, int perEndpoint) {
        return new DeliverySettings(
                schedule,
                jitter,
                warnAfter,
                disableAfter,
                sentRetention,
                allowedTargets,
                client,
                all,
                perEndpoint,
                endpointBusySnooze,
                retryAfterMax,
                slowFloor);
    }

    public DeliverySettings withRetryAfterBounds(Duration max, Duration floor) {
        return new DeliverySettings(
                schedule,
                jitter,
                warnAfter,
                disableAfter,
                sentRetention,
                allowedTargets,
                client,
                concurrency,
                perEndpointConcurrency,
                endpointBusySnooze,
                max,
                floor);
    }
}
