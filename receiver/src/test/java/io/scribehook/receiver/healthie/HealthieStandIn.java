package io.scribehook.receiver.healthie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Healthie GraphQL stand-in on real HTTP (127.0.0.1, port 0) for receiver tests. It speaks the
 * protocol loosely, choosing the operation by looking for {@code appointment(},
 * {@code createWebhook(}, {@code webhooks(} ... in the query; it is not a GraphQL engine and
 * answers whole stored objects rather than the selected fields.
 *
 * <ul>
 *   <li>Data: {@link #putAppointment}, {@link #putTranscripts}; unknown appointments answer
 *       {@code null} (or a NOT_FOUND error after {@link #notFoundAsError(boolean)}).</li>
 *   <li>Errors as graphql-ruby writes them: {@link #denyAppointment} answers an appointment with an
 *       error at its path (e.g. {@code FORBIDDEN}); {@link #hideField} makes a field unknown to the
 *       schema, so every query selecting it fails validation ({@code undefinedField}).</li>
 *   <li>Webhooks: an in-memory registry behind create/update/delete/expire/sendTest/list; a URL
 *       not starting with {@code http} is answered with {@code messages}.</li>
 *   <li>Faults: each {@code ...Next} call queues faults that the next requests (of any operation)
 *       consume in order.</li>
 *   <li>Recording: every request's headers and body, before any fault applies.</li>
 *   <li>Transcript files: {@link #putTranscriptFile} serves a WebVTT document under
 *       {@code /files/}; every transcripts answer names it with a fresh token URL
 *       ({@code expiring_url}); {@link #expireNextDownloads} makes the next downloads answer 410 and
 *       expire their token, as a URL that ran out mid-run. A query with
 *       {@code transcripts(status: "completed")} answers only completed transcripts.</li>
 * </ul>
 */
public final class HealthieStandIn implements AutoCloseable {

    public static final String PATH = "/graphql";
    public static final String FILES = "/files/";
    private static final String FILE_MARKER = "standin-file:";
    private static final Duration MAX_HANG = Duration.ofSeconds(30);
    private static final Pattern OPERATION_NAME = Pattern.compile("^\\s*(query|mutation)\\s+(\\w+)");
    private static final Pattern INLINE_ID = Pattern.compile("appointment\\(\\s*id:\\s*\"?([^\")\\s]+)\"?");

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, ObjectNode> appointments = new ConcurrentHashMap<>();
    private final Map<String, ArrayNode> transcripts = new ConcurrentHashMap<>();
    private final Map<Long, ObjectNode> webhooks = new ConcurrentHashMap<>();
    private final List<ObjectNode> sent = new CopyOnWriteArrayList<>();
    private volatile int appointmentsPage = 100;
    private final AtomicInteger webhookIds = new AtomicInteger();
    private final AtomicInteger eventIds = new AtomicInteger();
    private final List<String> testWebhooksSent = new CopyOnWriteArrayList<>();
    private final Deque<Fault> faults = new ConcurrentLinkedDeque<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, ObjectNode> denials = new ConcurrentHashMap<>();
    private final Map<String, String> hiddenFields = new ConcurrentHashMap<>();
    private final AtomicReference<CountDownLatch> slowRelease = new AtomicReference<>(new CountDownLatch(1));
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> files = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger expireDownloads = new AtomicInteger();
    private final List<String> downloads = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean notFoundAsError;
    private volatile String requiredApiKey;

    private HealthieStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext(PATH, this::handle);
        server.createContext(FILES, this::download);
        server.start();
    }

    /** Starts a stand-in on a free loopback port. */
    public static HealthieStandIn start() {
        try {
            return new HealthieStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>/graphql}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /**
     * Settings pointing here, tuned for tests: 10 s timeouts, circuit opens after 5 failures for
     * 1 minute (drive it with a ManualClock), 3 rate-limit retries with a 1 ms back-off.
     */
    public HealthieApiSettings settings(String apiKey) {
        return HealthieApiSettings.of(endpoint(), apiKey)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10))
                .withBreaker(5, Duration.ofMinutes(1))
                .withRateLimit(3, Duration.ofMillis(1));
    }

    // ---- data -------------------------------------------------------------------------------

    /** Stores an appointment object (snake_case fields, as the API answers); its id is forced to {@code id}. */
    public HealthieStandIn putAppointment(String id, JsonNode appointment) {
        ObjectNode copy = ((ObjectNode) appointment).deepCopy();
        copy.put("id", id);
        appointments.put(id, copy);
        return this;
    }

    /** Same, from JSON text. */
    public HealthieStandIn putAppointment(String id, String appointmentJson) {
        return putAppointment(id, parse(appointmentJson));
    }

    /** Sets the appointment's transcripts (an array of transcript objects, or JSON text of one). */
    public HealthieStandIn putTranscripts(String appointmentId, JsonNode transcriptArray) {
        transcripts.put(appointmentId, ((ArrayNode) transcriptArray).deepCopy());
        return this;
    }

    public HealthieStandIn putTranscripts(String appointmentId, String transcriptArrayJson) {
        return putTranscripts(appointmentId, parse(transcriptArrayJson));
    }

    /**
     * Serves {@code webVtt} as transcript {@code transcriptId}; a transcript object whose
     * {@code expiring_url} is {@link #fileUrl}{@code (transcriptId)} is answered with a fresh token
     * URL each time.
     */
    public HealthieStandIn putTranscriptFile(String transcriptId, String webVtt) {
        files.put(transcriptId, webVtt);
        return this;
    }

    /** The placeholder to put as {@code expiring_url} for a file of {@link #putTranscriptFile}. */
    public static String fileUrl(String transcriptId) {
        return FILE_MARKER + transcriptId;
    }

    /** The next {@code times} downloads answer 410 Gone and expire the token they used. */
    public HealthieStandIn expireNextDownloads(int times) {
        expireDownloads.set(times);
        return this;
    }

    /** Each download's token and status ({@code token=status}), in order. */
    public List<String> downloads() {
        return List.copyOf(downloads);
    }

    /**
     * Adds an entry to the {@code sentWebhooks} log: a delivery attempt of {@code eventType} for
     * appointment {@code resourceId} at {@code createdAt}, answered {@code httpStatus} (null: no answer).
     */
    public HealthieStandIn putSentWebhook(
            String id, String eventType, String resourceId, Integer httpStatus, java.time.Instant createdAt) {
        ObjectNode w = mapper.createObjectNode()
                .put("id", id)
                .put("webhook_id", "1")
                .put("event_type", eventType)
                .put("resource_id", resourceId)
                .put("resource_id_type", "Appointment")
                .put("created_at", createdAt.toString());
        if (httpStatus == null) {
            w.putNull("http_response_status");
        } else {
            w.put("http_response_status", httpStatus);
        }
        sent.add(w);
        return this;
    }

    /** How many appointments one page of {@code appointments(...)} holds (default 100). */
    public HealthieStandIn appointmentsPageSize(int n) {
        appointmentsPage = n;
        return this;
    }

    public HealthieStandIn removeAppointment(String id) {
        appointments.remove(id);
        transcripts.remove(id);
        return this;
    }

    /** Unknown appointments answer a NOT_FOUND GraphQL error instead of {@code null}. */
    public HealthieStandIn notFoundAsError(boolean on) {
        notFoundAsError = on;
        return this;
    }

    /**
     * Requests for this appointment answer {@code data.appointment: null} and one error at path
     * {@code ["appointment"]} with this code (may be null) and message, until {@link #allowAppointment}.
     */
    public HealthieStandIn denyAppointment(String id, String code, String message) {
        denials.put(id, error(code, message, "appointment"));
        return this;
    }

    public HealthieStandIn allowAppointment(String id) {
        denials.remove(id);
        return this;
    }

    /**
     * Schema drift: {@code typeName.field} no longer exists, so a query selecting {@code field}
     * fails validation with {@code Field 'field' doesn't exist on type 'typeName'} and extensions
     * code {@code undefinedField}, and no data (graphql-ruby's answer).
     */
    public HealthieStandIn hideField(String typeName, String field) {
        hiddenFields.put(field, typeName);
        return this;
    }

    public HealthieStandIn restoreFields() {
        hiddenFields.clear();
        return this;
    }

    /** Requests without {@code Authorization: Basic <key>} are answered HTTP 401. */
    public HealthieStandIn requireApiKey(String key) {
        requiredApiKey = key;
        return this;
    }

    /**
     * A realistic appointment: patient 501 "Pat Example" (pat@example.com), provider 601 "Dana
     * Provider" (dana.provider@clinic.example), one VTT recording file.
     */
    public static ObjectNode sampleAppointment(String id) {
        ObjectNode a = JsonNodeFactory.instance.objectNode();
        a.put("id", id)
                .put("date", "2026-03-02 10:00:00 -0500")
                .put("is_group", false)
                .put("zoom_meeting_id", "88012345678")
                .put("will_be_scribed", true);
        a.putObject("other_party")
                .put("id", "501")
                .put("first_name", "Pat")
                .put("last_name", "Example")
                .put("email", "pat@example.com");
        a.putObject("user")
                .put("id", "601")
                .put("first_name", "Dana")
                .put("last_name", "Provider")
                .put("email", "dana.provider@clinic.example");
        a.putArray("zoom_cloud_recording_files")
                .addObject()
                .put("id", "rf-" + id)
                .put("download_url", "https://zoom.example/rec/" + id + ".vtt")
                .put("file_size", 2048)
                .put("file_type", "TRANSCRIPT")
                .put("meeting_id", "88012345678")
                .put("recording_start", "2026-03-02T15:00:05Z")
                .put("recording_end", "2026-03-02T15:45:00Z")
                .put("recording_type", "audio_transcript")
                .put("status", "completed");
        return a;
    }

    /** A transcript object as the API answers it. */
    public static ObjectNode transcript(
            String id, String status, String type, String expiringUrl, String start, String end) {
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        t.put("id", id)
                .put("expiring_url", expiringUrl)
                .put("status", status)
                .put("transcript_start", start)
                .put("transcript_end", end)
                .put("transcript_type", type);
        return t;
    }

    // ---- webhooks ---------------------------------------------------------------------------

    /** The stored webhook (snake_case, with signature_secret), or empty. */
    public Optional<JsonNode> webhook(String id) {
        return Optional.ofNullable(webhooks.get(parseId(id))).map(JsonNode::deepCopy);
    }

    public int webhookCount() {
        return webhooks.size();
    }

    /** Ids of webhooks that {@code sendTestWebhook} was called for, in order. */
    public List<String> testWebhooksSent() {
        return List.copyOf(testWebhooksSent);
    }

    // ---- faults -----------------------------------------------------------------------------

    /** The next {@code times} requests answer 200 with a {@code TOO_MANY_REQUESTS} GraphQL error. */
    public HealthieStandIn rateLimitNext(int times) {
        return queue(times, Fault.RATE_LIMITED_GRAPHQL);
    }

    /** The next {@code times} requests answer HTTP 429, with {@code Retry-After} unless null. */
    public HealthieStandIn http429Next(int times, String retryAfter) {
        return queue(
                times,
                new Fault.Raw(
                        429,
                        "{\"errors\":[{\"message\":\"Too many requests\"}]}",
                        retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter)));
    }

    /** The next {@code times} requests answer HTTP 503. */
    public HealthieStandIn serverErrorNext(int times) {
        return serverErrorNext(times, 503);
    }

    public HealthieStandIn serverErrorNext(int times, int status) {
        return queue(times, new Fault.Raw(status, "<html>upstream error</html>", Map.of()));
    }

    /** The next {@code times} requests hang until {@link #releaseSlow()} or close (at most 30 s). */
    public HealthieStandIn slowNext(int times) {
        return queue(times, Fault.SLOW);
    }

    /** The next {@code times} requests have their connection closed without an answer. */
    public HealthieStandIn dropConnectionNext(int times) {
        return queue(times, Fault.DROP);
    }

    /**
     * The next request answers 200 with this GraphQL error (code may be null): with a {@code path},
     * {@code data} holds the path's root field as null (as a resolver error leaves it), else no data.
     */
    public HealthieStandIn graphQlErrorNext(String code, String message, String... path) {
        ObjectNode body = mapper.createObjectNode();
        body.putArray("errors").add(error(code, message, path));
        if (path.length == 0) {
            body.putNull("data");
        } else {
            body.putObject("data").putNull(path[0]);
        }
        return queue(1, new Fault.Raw(200, body.toString(), Map.of()));
    }

    /** A GraphQL error object: message, locations, path (if any), {@code extensions.code} (if not null). */
    public static ObjectNode error(String code, String message, String... path) {
        ObjectNode error = JsonNodeFactory.instance.objectNode().put("message", message);
        error.putArray("locations").addObject().put("line", 2).put("column", 3);
        if (path.length > 0) {
            ArrayNode p = error.putArray("path");
            for (String segment : path) {
                p.add(segment);
            }
        }
        if (code != null) {
            error.putObject("extensions").put("code", code);
        }
        return error;
    }

    /** The next request (a mutation) answers {@code messages: [{field, message}]} and a null webhook. */
    public HealthieStandIn messagesNext(String field, String message) {
        return queue(1, new Fault.Messages(field, message));
    }

    /** The next request is answered with exactly this status and body. */
    public HealthieStandIn answerNext(int status, String body) {
        return queue(1, new Fault.Raw(status, body, Map.of()));
    }

    /** Lets hanging ({@link #slowNext}) requests answer normally. */
    public void releaseSlow() {
        slowRelease.getAndSet(new CountDownLatch(1)).countDown();
    }

    public HealthieStandIn clearFaults() {
        faults.clear();
        return this;
    }

    public int pendingFaults() {
        return faults.size();
    }

    // ---- recording --------------------------------------------------------------------------

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public int requestCount() {
        return requests.size();
    }

    public RecordedRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new IllegalStateException("no request received");
        }
        return requests.get(requests.size() - 1);
    }

    public void clearRequests() {
        requests.clear();
    }

    /** One received request. Header names are lower-cased. */
    public record RecordedRequest(String method, String path, Map<String, List<String>> headers, String body) {
        /** The first value of a header (case-insensitive name), or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String query() {
            return json().path("query").asText("");
        }

        public JsonNode variables() {
            return json().path("variables");
        }

        /** The operation the stand-in recognised ({@code appointment}, {@code createWebhook}, ...). */
        public String operation() {
            return HealthieStandIn.operationOf(query());
        }
    }

    /** Stops the server; idempotent. Hanging requests are released first. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        releaseSlow();
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- HTTP -------------------------------------------------------------------------------

    private void download(HttpExchange exchange) throws IOException {
        try (exchange) {
            String token = exchange.getRequestURI().getPath().substring(FILES.length());
            String transcriptId = tokens.get(token);
            int status;
            if (transcriptId == null || !files.containsKey(transcriptId)) {
                status = 403;
            } else if (expireDownloads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                tokens.remove(token);
                status = 410;
            } else {
                status = 200;
            }
            downloads.add(token + "=" + status);
            byte[] bytes = status == 200
                    ? files.get(transcriptId).getBytes(StandardCharsets.UTF_8)
                    : "expired".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", status == 200 ? "text/vtt" : "text/plain");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private ArrayNode withFreshUrls(ArrayNode list, String query) {
        boolean completedOnly = query.contains("status: \"completed\"");
        ArrayNode out = mapper.createArrayNode();
        for (JsonNode t : list) {
            if (completedOnly && !"completed".equals(t.path("status").asText())) {
                continue;
            }
            ObjectNode copy = ((ObjectNode) t).deepCopy();
            String url = copy.path("expiring_url").asText("");
            if (url.startsWith(FILE_MARKER)) {
                byte[] raw = new byte[16];
                random.nextBytes(raw);
                String token = HexFormat.of().formatHex(raw);
                tokens.put(token, url.substring(FILE_MARKER.length()));
                copy.put(
                        "expiring_url",
                        "http://127.0.0.1:" + server.getAddress().getPort() + FILES + token);
            }
            out.add(copy);
        }
        return out;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            requests.add(new RecordedRequest(
                    exchange.getRequestMethod(), exchange.getRequestURI().getPath(), Map.copyOf(headers), body));
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "{\"errors\":[{\"message\":\"POST only\"}]}", Map.of());
                return;
            }
            String key = requiredApiKey;
            if (key != null
                    && !("Basic " + key).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "{\"errors\":[{\"message\":\"Unauthorized\"}]}", Map.of());
                return;
            }
            Fault fault = faults.pollFirst();
            if (fault == Fault.DROP) {
                return; // closing without headers drops the connection
            }
            if (fault == Fault.SLOW) {
                awaitRelease();
            } else if (fault == Fault.RATE_LIMITED_GRAPHQL) {
                send(
                        exchange,
                        200,
                        "{\"data\":null,\"errors\":[{\"message\":\"Too many requests\","
                                + "\"extensions\":{\"code\":\"TOO_MANY_REQUESTS\"}}]}",
                        Map.of());
                return;
            } else if (fault instanceof Fault.Raw raw) {
                send(exchange, raw.status(), raw.body(), raw.headers());
                return;
            }
            JsonNode request;
            try {
                request = mapper.readTree(body);
            } catch (IOException e) {
                send(exchange, 400, "{\"errors\":[{\"message\":\"invalid JSON\"}]}", Map.of());
                return;
            }
            ObjectNode answer = fault instanceof Fault.Messages m ? messagesAnswer(request, m) : answer(request);
            send(exchange, 200, answer.toString(), Map.of());
        }
    }

    private void awaitRelease() {
        try {
            slowRelease.get().await(MAX_HANG.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        try {
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client gave up (timeout); nothing to answer
        }
    }

    // ---- GraphQL, loosely -------------------------------------------------------------------

    static String operationOf(String query) {
        for (String op : List.of(
                "createWebhook",
                "updateWebhook",
                "deleteWebhook",
                "expireWebhookSignature",
                "sendTestWebhook",
                "webhooks",
                "sentWebhooks",
                "appointments",
                "appointment")) {
            if (query.contains(op + "(")) {
                return op;
            }
        }
        return "unknown";
    }

    private ObjectNode answer(JsonNode request) {
        String query = request.path("query").asText("");
        JsonNode vars = request.path("variables");
        JsonNode input = vars.path("input");
        ObjectNode root = mapper.createObjectNode();
        ObjectNode data = root.putObject("data");
        String op = operationOf(query);
        if (undefinedField(root, query)) {
            root.remove("data");
            return root;
        }
        switch (op) {
            case "appointment" -> appointment(root, data, query, vars);
            case "createWebhook" -> data.set(op, createWebhook(input));
            case "updateWebhook" -> data.set(op, updateWebhook(input));
            case "deleteWebhook" ->
                data.set(op, withWebhook(input, w -> {
                    webhooks.remove(parseId(w.path("id").asText()));
                    ObjectNode payload = mapper.createObjectNode();
                    payload.putArray("messages");
                    payload.set("webhook", w);
                    return payload;
                }));
            case "expireWebhookSignature" ->
                data.set(op, withWebhook(input, w -> {
                    w.put("signature_secret", newSecret());
                    return webhookPayload(w);
                }));
            case "sendTestWebhook" ->
                data.set(op, withWebhook(input, w -> {
                    testWebhooksSent.add(w.path("id").asText());
                    ObjectNode payload = mapper.createObjectNode();
                    payload.putArray("messages");
                    payload.put("sent", true);
                    return payload;
                }));
            case "webhooks" -> data.set("webhooks", listWebhooks(vars));
            case "sentWebhooks" -> data.set("sentWebhooks", sentWebhooks(vars));
            case "appointments" -> data.set("appointments", appointments(vars, query));
            default -> {
                root.remove("data");
                root.putNull("data");
                root.putArray("errors").addObject().put("message", "stand-in: unknown operation");
            }
        }
        return root;
    }

    private void appointment(ObjectNode root, ObjectNode data, String query, JsonNode vars) {
        String id = vars.hasNonNull("id") ? vars.get("id").asText() : inlineId(query);
        ObjectNode stored = id == null ? null : appointments.get(id);
        ArrayNode storedTranscripts = id == null ? null : transcripts.get(id);
        ObjectNode denial = id == null ? null : denials.get(id);
        if (denial != null) {
            data.putNull("appointment");
            root.putArray("errors").add(denial.deepCopy());
            return;
        }
        if (stored == null && storedTranscripts == null) {
            data.putNull("appointment");
            if (notFoundAsError) {
                root.putArray("errors").add(error("NOT_FOUND", "Appointment not found", "appointment"));
            }
            return;
        }
        ObjectNode a = stored == null ? mapper.createObjectNode().put("id", id) : stored.deepCopy();
        if (query.contains("transcripts")) {
            a.set(
                    "transcripts",
                    storedTranscripts == null ? mapper.createArrayNode() : withFreshUrls(storedTranscripts, query));
        }
        data.set("appointment", a);
    }

    private boolean undefinedField(ObjectNode root, String query) {
        for (Map.Entry<String, String> hidden : hiddenFields.entrySet()) {
            String field = hidden.getKey();
            if (Pattern.compile("\\b" + Pattern.quote(field) + "\\b")
                    .matcher(query)
                    .find()) {
                Matcher name = OPERATION_NAME.matcher(query);
                String operation = name.find() ? name.group(1) + " " + name.group(2) : "query";
                ObjectNode error = error(
                        "undefinedField",
                        "Field '" + field + "' doesn't exist on type '" + hidden.getValue() + "'",
                        operation,
                        operationOf(query),
                        field);
                ((ObjectNode) error.get("extensions"))
                        .put("typeName", hidden.getValue())
                        .put("fieldName", field);
                root.putArray("errors").add(error);
                return true;
            }
        }
        return false;
    }

    private ObjectNode createWebhook(JsonNode input) {
        String url = input.path("url").asText("");
        if (!url.startsWith("http")) {
            return messagesPayload("url", "is invalid");
        }
        long id = webhookIds.incrementAndGet();
        ObjectNode w = mapper.createObjectNode();
        w.put("id", String.valueOf(id))
                .put("url", url)
                .put("is_enabled", input.path("is_enabled").asBoolean(true))
                .put("should_retry", input.path("should_retry").asBoolean(true))
                .put("signature_secret", newSecret())
                .putNull("warned_at");
        w.set("webhook_events", events(input.path("webhook_events")));
        webhooks.put(id, w);
        return webhookPayload(w);
    }

    private ObjectNode updateWebhook(JsonNode input) {
        return withWebhook(input, w -> {
            if (input.has("url")) {
                w.put("url", input.get("url").asText());
            }
            if (input.has("is_enabled")) {
                w.put("is_enabled", input.get("is_enabled").asBoolean());
            }
            if (input.has("should_retry")) {
                w.put("should_retry", input.get("should_retry").asBoolean());
            }
            if (input.has("webhook_events")) {
                w.set("webhook_events", events(input.get("webhook_events")));
            }
            return webhookPayload(w);
        });
    }

    private ObjectNode withWebhook(JsonNode input, java.util.function.Function<ObjectNode, ObjectNode> action) {
        ObjectNode w = webhooks.get(parseId(input.path("id").asText("")));
        if (w == null) {
            return messagesPayload("id", "Webhook not found");
        }
        synchronized (w) {
            return action.apply(w);
        }
    }

    private ObjectNode listWebhooks(JsonNode vars) {
        int first = vars.path("first").asInt(20);
        int offset =
                vars.hasNonNull("after") ? Integer.parseInt(vars.get("after").asText()) : 0;
        List<ObjectNode> all = new ArrayList<>(new TreeMap<>(webhooks).values());
        ObjectNode connection = mapper.createObjectNode();
        ArrayNode nodes = connection.putArray("nodes");
        int end = Math.min(all.size(), offset + first);
        for (int i = offset; i < end; i++) {
            nodes.add(all.get(i).deepCopy());
        }
        connection.putObject("page_info").put("has_next_page", end < all.size()).put("end_cursor", String.valueOf(end));
        connection.put("total_count", all.size());
        return connection;
    }

    /** Newest first, in [sent_after, sent_before), of resource_type, at most first. */
    private ArrayNode sentWebhooks(JsonNode vars) {
        java.time.Instant after = HealthieTimes.parse(vars.path("sent_after").asText(null));
        java.time.Instant before = HealthieTimes.parse(vars.path("sent_before").asText(null));
        String type = vars.path("resource_type").asText(null);
        int first = vars.path("first").asInt(100);
        ArrayNode out = mapper.createArrayNode();
        sent.stream()
                .filter(w -> {
                    java.time.Instant at =
                            HealthieTimes.parse(w.path("created_at").asText());
                    return (after == null || !at.isBefore(after))
                            && (before == null || at.isBefore(before))
                            && (type == null
                                    || type.equals(w.path("resource_id_type").asText()));
                })
                .sorted(java.util.Comparator.comparing((ObjectNode w) ->
                                HealthieTimes.parse(w.path("created_at").asText()))
                        .reversed())
                .limit(first)
                .forEach(w -> out.add(w.deepCopy()));
        return out;
    }

    /** Stored appointments dated in [startDate, endDate] (undated ones too), by id, a page from offset. */
    private ArrayNode appointments(JsonNode vars, String query) {
        java.time.Instant from = HealthieTimes.parse(vars.path("startDate").asText(null));
        java.time.Instant to = HealthieTimes.parse(vars.path("endDate").asText(null));
        int offset = vars.path("offset").asInt(0);
        List<ObjectNode> all = new ArrayList<>(new TreeMap<>(appointments).values());
        all.removeIf(a -> {
            java.time.Instant d = HealthieTimes.parse(a.path("date").asText(null));
            return d != null && ((from != null && d.isBefore(from)) || (to != null && d.isAfter(to)));
        });
        ArrayNode out = mapper.createArrayNode();
        for (int i = offset; i < Math.min(all.size(), offset + appointmentsPage); i++) {
            ObjectNode a = all.get(i).deepCopy();
            ArrayNode list = transcripts.get(a.path("id").asText());
            a.set("transcripts", list == null ? mapper.createArrayNode() : withFreshUrls(list, query));
            out.add(a);
        }
        return out;
    }

    private ObjectNode messagesAnswer(JsonNode request, Fault.Messages m) {
        String op = operationOf(request.path("query").asText(""));
        ObjectNode root = mapper.createObjectNode();
        root.putObject("data").set(op, messagesPayload(m.field(), m.message()));
        return root;
    }

    private ObjectNode messagesPayload(String field, String message) {
        ObjectNode payload = mapper.createObjectNode();
        payload.putArray("messages").addObject().put("field", field).put("message", message);
        payload.putNull("webhook");
        return payload;
    }

    private ObjectNode webhookPayload(ObjectNode w) {
        ObjectNode payload = mapper.createObjectNode();
        payload.putArray("messages");
        payload.set("webhook", w.deepCopy());
        return payload;
    }

    private ArrayNode events(JsonNode input) {
        ArrayNode events = mapper.createArrayNode();
        for (JsonNode e : input) {
            events.addObject()
                    .put("id", String.valueOf(eventIds.incrementAndGet()))
                    .put("event_type", e.path("event_type").asText())
                    .put("retry_count", 0)
                    .putNull("first_failed_at")
                    .putNull("last_failed_at");
        }
        return events;
    }

    private String newSecret() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return "whsec_" + HexFormat.of().formatHex(bytes);
    }

    private static String inlineId(String query) {
        Matcher m = INLINE_ID.matcher(query);
        return m.find() ? m.group(1) : null;
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HealthieStandIn queue(int times, Fault fault) {
        for (int i = 0; i < times; i++) {
            faults.addLast(fault);
        }
        return this;
    }

    private sealed interface Fault {
        Fault RATE_LIMITED_GRAPHQL = new Marker("rate_limited");
        Fault SLOW = new Marker("slow");
        Fault DROP = new Marker("drop");

        record Marker(String name) implements Fault {}

        record Raw(int status, String body, Map<String, String> headers) implements Fault {}

        record Messages(String field, String message) implements Fault {}
    }
}
