package io.scribehook.receiver.healthie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Client of the Healthie GraphQL API (or the hub's compatible {@code /graphql}): fetches what a
 * thin webhook points at and manages webhook registrations.
 *
 * <p>Every call returns a {@link FetchResult}; nothing is thrown for network, HTTP or GraphQL
 * trouble. Failure reasons keep error codes, paths and HTTP statuses, never upstream message text
 * (it may name patients). Rate limits ({@code TOO_MANY_REQUESTS} or HTTP 429) are retried with back-off; network
 * errors, timeouts and 5xx open a {@link CircuitBreaker}, during which calls fail fast as
 * {@link FetchResult.TransientFailure}. Thread-safe; share one instance and {@link #close()} it.
 *
 * <p>Metrics (when a registry is given): gauge {@code scribehook.healthie.circuit.state}
 * (0 closed, 1 open, 2 half-open) and counter {@code scribehook.healthie.requests}
 * tagged {@code operation} and {@code outcome}; Prometheus names them
 * {@code scribehook_healthie_circuit_state} and {@code scribehook_healthie_requests_total}.
 */
public final class HealthieClient implements AutoCloseable {

    private final GraphQlTransport transport;
    private final ObjectMapper mapper = new ObjectMapper();
    private final HealthieJson json = new HealthieJson(mapper);

    public HealthieClient(HealthieApiSettings settings, Clock clock) {
        this(settings, clock, null);
    }

    /** @param registry where to register the circuit gauge and request counters; may be null */
    public HealthieClient(HealthieApiSettings settings, Clock clock, MeterRegistry registry) {
        this(settings, clock, registry, Sleeper.REAL);
    }

    HealthieClient(HealthieApiSettings settings, Clock clock, MeterRegistry registry, Sleeper sleeper) {
        this(settings, settings::endpoint, clock, registry, sleeper);
    }

    private HealthieClient(
            HealthieApiSettings settings,
            Supplier<URI> endpoint,
            Clock clock,
            MeterRegistry registry,
            Sleeper sleeper) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        this.transport = new GraphQlTransport(settings, endpoint, clock, registry, sleeper, mapper);
    }

    /**
     * A client of this process's own hub, whose port is known only once its server listens (port 0):
     * {@code endpoint} is asked for the URL on every request, and while it answers null every call is
     * {@link FetchResult.Unavailable} for a second (jobs wait without spending attempts).
     * {@code settings.endpoint()} is not used.
     */
    public static HealthieClient ofLocal(
            HealthieApiSettings settings, Supplier<URI> endpoint, Clock clock, MeterRegistry registry) {
        return new HealthieClient(
                settings, Objects.requireNonNull(endpoint, "endpoint"), clock, registry, Sleeper.REAL);
    }

    /** The appointment with its people and Zoom recording files; null answer → NotFound. */
    public FetchResult<AppointmentSnapshot> appointment(String id) {
        ObjectNode vars = mapper.createObjectNode().put("id", id);
        return call("appointment", HealthieQueries.APPOINTMENT, vars, "appointment", true, json::appointment);
    }

    /** The appointment's transcripts (empty if none yet); unknown appointment → NotFound. */
    public FetchResult<List<TranscriptRef>> transcripts(String appointmentId) {
        ObjectNode vars = mapper.createObjectNode().put("id", appointmentId);
        return call(
                "transcripts",
                HealthieQueries.TRANSCRIPTS,
                vars,
                "appointment",
                true,
                a -> json.transcripts(a.get("transcripts")));
    }

    /**
     * The appointment's completed transcripts ({@code transcripts(status: "completed")}), each with
     * a fresh {@code expiring_url}; any other status the server still lists is left out.
     */
    public FetchResult<List<TranscriptRef>> completedTranscripts(String appointmentId) {
        ObjectNode vars = mapper.createObjectNode().put("id", appointmentId);
        return call(
                "completedTranscripts",
                HealthieQueries.COMPLETED_TRANSCRIPTS,
                vars,
                "appointment",
                true,
                a -> json.transcripts(a.get("transcripts")).stream()
                        .filter(t -> "completed".equals(t.status()))
                        .toList());
    }

    /**
     * One answer of {@code sentWebhooks}: delivery attempts of {@code resourceType} resources sent in
     * [{@code after}, {@code before}) (before may be null), newest first, at most {@code first}.
     */
    public FetchResult<List<SentWebhook>> sentWebhooks(Instant after, Instant before, String resourceType, int first) {
        ObjectNode vars =
                mapper.createObjectNode().put("sent_after", after.toString()).put("first", first);
        if (before == null) {
            vars.putNull("sent_before");
        } else {
            vars.put("sent_before", before.toString());
        }
        vars.put("resource_type", resourceType);
        return list(
                "sentWebhooks",
                HealthieQueries.SENT_WEBHOOKS,
                vars,
                "sentWebhooks",
                w -> new SentWebhook(
                        HealthieJson.text(w, "id"),
                        HealthieJson.text(w, "webhook_id"),
                        HealthieJson.text(w, "event_type"),
                        HealthieJson.text(w, "resource_id"),
                        HealthieJson.text(w, "resource_id_type"),
                        w.path("http_response_status").canConvertToInt()
                                        && w.path("http_response_status").isNumber()
                                ? w.path("http_response_status").asInt()
                                : null,
                        HealthieTimes.parse(HealthieJson.text(w, "created_at"))));
    }

    /**
     * One page of {@code appointments(startDate, endDate, offset)}: appointments dated in
     * [{@code from}, {@code to}], each with its completed transcripts.
     */
    public FetchResult<List<ListedAppointment>> appointments(Instant from, Instant to, int offset) {
        ObjectNode vars = mapper.createObjectNode()
                .put("startDate", from.toString())
                .put("endDate", to.toString())
                .put("offset", offset);
        return list(
                "appointments",
                HealthieQueries.APPOINTMENTS,
                vars,
                "appointments",
                a -> new ListedAppointment(
                        HealthieJson.text(a, "id"),
                        HealthieJson.text(a, "date"),
                        json.transcripts(a.get("transcripts")).stream()
                                .filter(t -> "completed".equals(t.status()))
                                .toList()));
    }

    /** Registers a webhook; the answer carries the {@code signature_secret} to verify with. */
    public FetchResult<Webhook> createWebhook(
            String url, List<String> eventTypes, boolean enabled, boolean shouldRetry) {
        ObjectNode input = mapper.createObjectNode()
                .put("url", url)
                .put("is_enabled", enabled)
                .put("should_retry", shouldRetry);
        input.set("webhook_events", eventsInput(eventTypes));
        return webhookMutation("createWebhook", HealthieQueries.CREATE_WEBHOOK, input, false);
    }

    /**
     * Changes a webhook; null arguments are left out of the input (unchanged). {@code eventTypes},
     * when given, is sent as {@code webhook_events: [{event_type}]}.
     */
    public FetchResult<Webhook> updateWebhook(
            String id, String url, Boolean enabled, Boolean shouldRetry, List<String> eventTypes) {
        ObjectNode input = mapper.createObjectNode().put("id", id);
        if (url != null) {
            input.put("url", url);
        }
        if (enabled != null) {
            input.put("is_enabled", enabled);
        }
        if (shouldRetry != null) {
            input.put("should_retry", shouldRetry);
        }
        if (eventTypes != null) {
            input.set("webhook_events", eventsInput(eventTypes));
        }
        return webhookMutation("updateWebhook", HealthieQueries.UPDATE_WEBHOOK, input, true);
    }

    /** Deletes a webhook; Found carries the deleted webhook's id. */
    public FetchResult<String> deleteWebhook(String id) {
        ObjectNode vars = inputVars(mapper.createObjectNode().put("id", id));
        return call("deleteWebhook", HealthieQueries.DELETE_WEBHOOK, vars, "deleteWebhook", true, payload -> {
            String deleted = HealthieJson.text(payload.get("webhook"), "id");
            return deleted == null ? id : deleted;
        });
    }

    /** Rotates the webhook's secret; the answer carries the new {@code signature_secret}. */
    public FetchResult<Webhook> expireWebhookSignature(String id) {
        return expireWebhookSignature(id, null);
    }

    /**
     * Rotates the webhook's secret, the previous one still signing for {@code overlap} (null: the
     * sender's default); the answer carries the new {@code signature_secret}.
     */
    public FetchResult<Webhook> expireWebhookSignature(String id, Duration overlap) {
        var input = mapper.createObjectNode().put("id", id);
        if (overlap != null) {
            input.put("overlap", overlap.toString());
        }
        return webhookMutation("expireWebhookSignature", HealthieQueries.EXPIRE_WEBHOOK_SIGNATURE, input, true);
    }

    /** Asks the sender to deliver a test event; Found carries its {@code sent} flag. */
    public FetchResult<Boolean> sendTestWebhook(String id) {
        return sendTestWebhook(id, null);
    }

    /**
     * {@link #sendTestWebhook(String)} naming the test event's {@code resource_id}, so the caller
     * can recognise that delivery among others; null leaves it to the sender.
     */
    public FetchResult<Boolean> sendTestWebhook(String id, String resourceId) {
        ObjectNode input = mapper.createObjectNode().put("id", id);
        if (resourceId != null) {
            input.put("resource_id", resourceId);
        }
        ObjectNode vars = inputVars(input);
        return call(
                "sendTestWebhook",
                HealthieQueries.SEND_TEST_WEBHOOK,
                vars,
                "sendTestWebhook",
                true,
                payload -> payload.path("sent").asBoolean(false));
    }

    /** One page of registered webhooks; {@code after} is null for the first page. */
    public FetchResult<WebhookPage> listWebhooks(int first, String after) {
        ObjectNode vars = mapper.createObjectNode().put("first", first);
        if (after == null) {
            vars.putNull("after");
        } else {
            vars.put("after", after);
        }
        return call("listWebhooks", HealthieQueries.LIST_WEBHOOKS, vars, "webhooks", false, json::webhookPage);
    }

    /** Every registered webhook, page after page (50 a page); the first failing page's result otherwise. */
    public FetchResult<List<Webhook>> allWebhooks() {
        List<Webhook> all = new java.util.ArrayList<>();
        String after = null;
        do {
            FetchResult<WebhookPage> page = listWebhooks(50, after);
            if (!(page instanceof FetchResult.Found<WebhookPage> found)) {
                return page.map(p -> List.of());
            }
            all.addAll(found.value().nodes());
            after = found.value().hasNextPage() ? found.value().endCursor() : null;
        } while (after != null);
        return new FetchResult.Found<>(List.copyOf(all));
    }

    /** The circuit breaker's current state. */
    public CircuitBreaker.State circuitState() {
        return transport.breaker().state();
    }

    @Override
    public void close() {
        transport.close();
    }

    private FetchResult<Webhook> webhookMutation(String operation, String query, ObjectNode input, boolean byId) {
        return call(operation, query, inputVars(input), operation, byId, payload -> {
            JsonNode webhook = payload.get("webhook");
            if (webhook == null || !webhook.isObject()) {
                throw new MalformedAnswer(operation + ".webhook missing");
            }
            return json.webhook(webhook);
        });
    }

    /**
     * Runs an operation: {@code field} of {@code data} is the answer, mutation {@code messages}
     * become failures (naming their fields, never their text), {@code map} builds the value. For an
     * operation addressing a resource {@code byId}, a null answer, a not-found error at
     * {@code field} or a "not found" message about the id is NotFound; otherwise it is malformed.
     */
    private <T> FetchResult<T> call(
            String operation, String query, ObjectNode vars, String field, boolean byId, Function<JsonNode, T> map) {
        FetchResult<JsonNode> answer = transport.execute(operation, query, vars, byId ? field : null);
        if (!(answer instanceof FetchResult.Found<JsonNode> found)) {
            return answer.map(x -> null);
        }
        JsonNode node = found.value().get(field);
        if (!HealthieJson.present(node)) {
            return byId
                    ? new FetchResult.NotFound<>()
                    : new FetchResult.PermanentFailure<>("malformed answer (" + operation + " missing)");
        }
        if (!node.isObject()) {
            return new FetchResult.PermanentFailure<>("malformed answer (" + operation + " is not an object)");
        }
        JsonNode messages = node.path("messages");
        if (messages.isArray() && !messages.isEmpty() && !(node.path("sent").asBoolean(false))) {
            return byId && GraphQlErrors.messagesSayNotFound(messages)
                    ? new FetchResult.NotFound<>()
                    : new FetchResult.PermanentFailure<>(transport.errors().rejected(operation, messages));
        }
        try {
            return new FetchResult.Found<>(map.apply(node));
        } catch (RuntimeException e) {
            String what =
                    e instanceof MalformedAnswer ? e.getMessage() : e.getClass().getSimpleName();
            return new FetchResult.PermanentFailure<>("malformed answer (" + what + ")");
        }
    }

    /** Runs a query whose {@code field} is a list; each element is mapped with {@code map}. */
    private <T> FetchResult<List<T>> list(
            String operation, String query, ObjectNode vars, String field, Function<JsonNode, T> map) {
        FetchResult<JsonNode> answer = transport.execute(operation, query, vars, null);
        if (!(answer instanceof FetchResult.Found<JsonNode> found)) {
            return answer.map(x -> null);
        }
        JsonNode node = found.value().get(field);
        if (node == null || !node.isArray()) {
            return new FetchResult.PermanentFailure<>("malformed answer (" + operation + " is not a list)");
        }
        try {
            List<T> out = new java.util.ArrayList<>(node.size());
            for (JsonNode element : node) {
                out.add(map.apply(element));
            }
            return new FetchResult.Found<>(out);
        } catch (RuntimeException e) {
            return new FetchResult.PermanentFailure<>(
                    "malformed answer (" + e.getClass().getSimpleName() + ")");
        }
    }

    private ObjectNode inputVars(ObjectNode input) {
        ObjectNode vars = mapper.createObjectNode();
        vars.set("input", input);
        return vars;
    }

    private ArrayNode eventsInput(List<String> eventTypes) {
        ArrayNode events = mapper.createArrayNode();
        for (String type : eventTypes == null ? List.<String>of() : eventTypes) {
            events.addObject().put("event_type", type);
        }
        return events;
    }

    private static final class MalformedAnswer extends RuntimeException {
        MalformedAnswer(String message) {
            super(message, null, false, false);
        }
    }
}
