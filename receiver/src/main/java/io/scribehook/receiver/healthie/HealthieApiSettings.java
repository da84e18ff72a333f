package io.scribehook.receiver.healthie;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the Healthie GraphQL API (or the hub's compatible endpoint).
 *
 * @param endpoint the GraphQL URL, e.g. {@code https://api.gethealthie.com/graphql}
 * @param apiKey sent as {@code Authorization: Basic <apiKey>}; never printed by {@link #toString()}
 * @param apiVersion the {@code Healthie-GraphQL-API-Version} header
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout whole-request deadline (until the body is read)
 * @param breakerFailureThreshold consecutive failures (network, timeout, 5xx) that open the circuit
 * @param breakerOpenFor how long the circuit stays open before one trial request
 * @param maxRateLimitRetries retries after {@code TOO_MANY_REQUESTS} / HTTP 429 before giving up
 * @param rateLimitBackoff first back-off after a rate limit (doubles per retry, floor for Retry-After)
 */
public record HealthieApiSettings(
        URI endpoint,
        String apiKey,
        String apiVersion,
        Duration connectTimeout,
        Duration requestTimeout,
        int breakerFailureThreshold,
        Duration breakerOpenFor,
        int maxRateLimitRetries,
        Duration rateLimitBackoff) {

    public static final String DEFAULT_API_VERSION = "2026-01-01";

    public HealthieApiSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(apiKey, "apiKey");
        if (apiVersion == null || apiVersion.isBlank()) {
            throw new IllegalArgumentException("apiVersion must not be blank");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(breakerOpenFor, "breakerOpenFor");
        requirePositive(rateLimitBackoff, "rateLimitBackoff");
        if (breakerFailureThreshold < 1) {
            throw new IllegalArgumentException("breakerFailureThreshold must be at least 1");
        }
        if (maxRateLimitRetries < 0) {
            throw new IllegalArgumentException("maxRateLimitRetries must not be negative");
        }
    }

    /**
     * Defaults: API version 2026-01-01, connect 5 s, request 15 s, circuit opens after 5
     * consecutive failures for 30 s, 3 rate-limit retries starting at 1 s.
     */
    public static HealthieApiSettings of(URI endpoint, String apiKey) {
        return new HealthieApiSettings(
                endpoint,
                apiKey,
                DEFAULT_API_VERSION,
                Duration.ofSeconds(5),
                Duration.ofSeconds(15),
                5,
                Duration.ofSeconds(30),
                3,
                Duration.ofSeconds(1));
    }

    public HealthieApiSettings withApiVersion(String version) {
        return new HealthieApiSettings(
                endpoint,
                apiKey,
                version,
                connectTimeout,
                requestTimeout,
                breakerFailureThreshold,
                breakerOpenFor,
                maxRateLimitRetries,
                rateLimitBackoff);
    }

    public HealthieApiSettings withTimeouts(Duration connect, Duration request) {
        return new HealthieApiSettings(
                endpoint,
                apiKey,
                apiVersion,
                connect,
                request,
                breakerFailureThreshold,
                breakerOpenFor,
                maxRateLimitRetries,
                rateLimitBackoff);
    }

    public HealthieApiSettings withBreaker(int failureThreshold, Duration openFor) {
        return new HealthieApiSettings(
                endpoint,
                apiKey,
                apiVersion,
                connectTimeout,
                requestTimeout,
                failureThreshold,
                openFor,
                maxRateLimitRetries,
                rateLimitBackoff);
    }

    public HealthieApiSettings withRateLimit(int maxRetries, Duration backoff) {
        return new HealthieApiSettings(
                endpoint,
                apiKey,
                apiVersion,
                connectTimeout,
                requestTimeout,
                breakerFailureThreshold,
                breakerOpenFor,
                maxRetries,
                backoff);
    }

    @Override
    public String toString() {
        return "HealthieApiSettings[endpoint=" + endpoint
                + ", apiKey=" + (apiKey.isEmpty() ? "<empty>" : "<redacted>")
                + ", apiVersion=" + apiVersion
                + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout
                + ", breakerFailureThreshold=" + breakerFailureThreshold
                + ", breakerOpenFor=" + breakerOpenFor
                + ", maxRateLimitRetries=" + maxRateLimitRetries
                + ", rateLimitBackoff=" + rateLimitBackoff + "]";
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
    }
}
