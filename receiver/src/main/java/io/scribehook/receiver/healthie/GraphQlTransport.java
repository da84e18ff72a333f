package io.scribehook.receiver.healthie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts one GraphQL operation and turns every answer into a {@link FetchResult} of the
 * {@code data} object: headers, timeouts, the circuit breaker, rate-limit back-off and metrics.
 * GraphQL errors are judged by {@link GraphQlErrors}. Logs operation names, status codes and
 * reasons only; reasons never hold upstream message text, variables, bodies or the key.
 */
final class GraphQlTransport implements AutoCloseable {

    /** Upper clamp for a server's Retry-After and for the exponential back-off. */
    static final Duration MAX_RATE_LIMIT_DELAY = Duration.ofSeconds(30);

    static final String REQUESTS_METER = "scribehook.healthie.requests";
    static final String CIRCUIT_GAUGE = "scribehook.healthie.circuit.state";
    /** How long a call waits while the half-open circuit's one trial call is in flight. */
    static final Duration TRIAL_WAIT = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(GraphQlTransport.class);

    private final HealthieApiSettings settings;
    private final Supplier<URI> endpoint;
    private final CircuitBreaker breaker;
    private final Clock clock;
    private final HttpClient http;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final Sleeper sleeper;
    private final GraphQlErrors errors;
    private final RateLimitDelays delays;

    /** @param endpoint asked for the URL on every request; null while it is not known yet */
    GraphQlTransport(
            HealthieApiSettings settings,
            Supplier<URI> endpoint,
            Clock clock,
            MeterRegistry registry,
            Sleeper sleeper,
            ObjectMapper mapper) {
        this.settings = settings;
        this.endpoint = endpoint;
        this.clock = clock;
        this.breaker = new CircuitBreaker(
                settings.breakerFailureThreshold(), settings.breakerOpenFor(), clock, GraphQlTransport::logCircuit);
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.mapper = mapper;
        this.registry = registry;
        this.sleeper = sleeper;
        this.errors = new GraphQlErrors(settings.apiKey());
        this.delays = new RateLimitDelays(settings.rateLimitBackoff(), MAX_RATE_LIMIT_DELAY, clock);
        if (registry != null) {
            Gauge.builder(CIRCUIT_GAUGE, breaker, b -> b.state().code())
                    .description("Healthie API circuit breaker: 0 closed, 1 open, 2 half-open")
                    .register(registry);
        }
    }

    /** One line per change of the circuit's state; never one per refused call. */
    private static void logCircuit(CircuitBreaker.State from, CircuitBreaker.State to, Instant retryAt) {
        switch (to) {
            case OPEN ->
                log.warn(
                        "Healthie API circuit open (was {}): calls paused until {}; jobs that need the API "
                                + "wait without spending attempts",
                        from.name().toLowerCase(java.util.Locale.ROOT),
                        retryAt);
            case HALF_OPEN -> log.info("Healthie API circuit half-open: trying one call");
            case CLOSED -> log.info("Healthie API circuit closed: the API answers again");
        }
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    /** Judges and describes GraphQL errors and mutation messages, without their text. */
    GraphQlErrors errors() {
        return errors;
    }

    /**
     * Runs {@code query} with {@code variables}; {@code operation} names it in logs and metrics.
     *
     * @param notFoundField the root field addressing one resource, where a not-found error means
     *                      {@link FetchResult.NotFound}; null if the operation addresses none
     */
    FetchResult<JsonNode> execute(String operation, String query, ObjectNode variables, String notFoundField) {
        byte[] body = requestBody(query, variables);
        for (int attempt = 0; ; attempt++) {
            URI target = endpoint.get();
            if (target == null) {
                // this process's own hub, before its server listens: wait without spending attempts
                count(operation, "not_listening");
                return new FetchResult.Unavailable<>(clock.instant().plus(TRIAL_WAIT));
            }
            if (!breaker.tryAcquire()) {
                count(operation, "circuit_open");
                Instant retryAt = breaker.retryAt();
                return new FetchResult.Unavailable<>(
                        retryAt != null ? retryAt : clock.instant().plus(TRIAL_WAIT));
            }
            Outcome outcome = send(target, operation, body, notFoundField);
            if (outcome instanceof Outcome.Done done) {
                return done.result();
            }
            Outcome.RateLimited limited = (Outcome.RateLimited) outcome;
            if (attempt >= settings.maxRateLimitRetries()) {
                log.warn("healthie {} rate limited, gave up after {} retries", operation, attempt);
                return new FetchResult.TransientFailure<>(
                        "rate limited (TOO_MANY_REQUESTS) after " + attempt + " retries");
            }
            Duration delay = delays.delay(attempt, limited.retryAfter());
            log.info(
                    "healthie {} rate limited, retry {} of {} in {}",
                    operation,
                    attempt + 1,
                    settings.maxRateLimitRetries(),
                    delay);
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new FetchResult.TransientFailure<>("interrupted while backing off");
            }
        }
    }

    private Outcome send(URI target, String operation, byte[] body, String notFoundField) {
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(settings.requestTimeout())
                .header("Authorization", "Basic " + settings.apiKey())
                .header("AuthorizationSource", "API")
                .header("Healthie-GraphQL-API-Version", settings.apiVersion())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        CompletableFuture<HttpResponse<String>> future =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = future.get(settings.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            breaker.onIgnored();
            count(operation, "interrupted");
            return new Outcome.Done(new FetchResult.TransientFailure<>("interrupted"));
        } catch (TimeoutException e) {
            future.cancel(true);
            return transientFailure(operation, "timeout", "timeout after " + settings.requestTimeout());
        } catch (ExecutionException e) {
            return failure(operation, e.getCause());
        }
        return answer(operation, response, notFoundField);
    }

    private Outcome failure(String operation, Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return transientFailure(operation, "timeout", "connect timeout after " + settings.connectTimeout());
        }
        if (cause instanceof HttpTimeoutException) {
            return transientFailure(operation, "timeout", "timeout after " + settings.requestTimeout());
        }
        String kind = cause == null ? "unknown" : cause.getClass().getSimpleName();
        if (cause != null && !(cause instanceof IOException)) {
            log.warn("healthie {} failed unexpectedly: {}", operation, kind);
        }
        return transientFailure(operation, "network_error", "network error (" + kind + ")");
    }

    private Outcome answer(String operation, HttpResponse<String> response, String notFoundField) {
        int status = response.statusCode();
        log.debug("healthie {} -> HTTP {}", operation, status);
        if (status >= 500) {
            return transientFailure(operation, "server_error", "HTTP " + status);
        }
        if (status == 429) {
            breaker.onSuccess();
            count(operation, "rate_limited");
            return new Outcome.RateLimited(response.headers().firstValue("Retry-After"));
        }
        if (status >= 300 || status < 200) {
            return permanentFailure(operation, "client_error", "HTTP " + status);
        }
        JsonNode root;
        try {
            root = mapper.readTree(response.body());
        } catch (IOException e) {
            return permanentFailure(operation, "malformed", "malformed answer (not JSON)");
        }
        if (root == null || !root.isObject()) {
            return permanentFailure(operation, "malformed", "malformed answer (not a JSON object)");
        }
        JsonNode errorList = root.get("errors");
        if (errorList != null && errorList.isArray() && !errorList.isEmpty()) {
            return switch (GraphQlErrors.verdict(errorList, notFoundField)) {
                case RATE_LIMITED -> {
                    breaker.onSuccess();
                    count(operation, "rate_limited");
                    yield new Outcome.RateLimited(Optional.empty());
                }
                case TRANSIENT -> transientFailure(operation, "server_error", errors.describe(errorList, status));
                case NOT_FOUND -> {
                    breaker.onSuccess();
                    count(operation, "not_found");
                    yield new Outcome.Done(new FetchResult.NotFound<>());
                }
                case PERMANENT -> permanentFailure(operation, "graphql_error", errors.describe(errorList, status));
            };
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            return permanentFailure(operation, "malformed", "malformed answer (no data)");
        }
        breaker.onSuccess();
        count(operation, "ok");
        return new Outcome.Done(new FetchResult.Found<>(data));
    }

    /** A failure that counts against the circuit: network error, timeout, 5xx. */
    private Outcome transientFailure(String operation, String outcome, String reason) {
        breaker.onFailure();
        count(operation, outcome);
        String safe = errors.redact(reason);
        log.warn("healthie {} failed: {}", operation, safe);
        return new Outcome.Done(new FetchResult.TransientFailure<>(safe));
    }

    /** A failure the server answered: for the circuit, the call succeeded. */
    private Outcome permanentFailure(String operation, String outcome, String reason) {
        breaker.onSuccess();
        count(operation, outcome);
        String safe = errors.redact(reason);
        log.warn("healthie {} failed: {}", operation, safe);
        return new Outcome.Done(new FetchResult.PermanentFailure<>(safe));
    }

    private void count(String operation, String outcome) {
        if (registry != null) {
            registry.counter(REQUESTS_METER, "operation", operation, "outcome", outcome)
                    .increment();
        }
    }

    private byte[] requestBody(String query, ObjectNode variables) {
        ObjectNode root = mapper.createObjectNode();
        root.put("query", query);
        root.set("variables", variables == null ? mapper.createObjectNode() : variables);
        try {
            return mapper.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a GraphQL request", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    /** What one HTTP exchange came to. */
    private sealed interface Outcome {
        record Done(FetchResult<JsonNode> result) implements Outcome {}

        record RateLimited(Optional<String> retryAfter) implements Outcome {}
    }
}
