package io.scribehook.app.receiver;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scribehook.app.ScribehookApp;
import io.scribehook.app.config.AppConfig;
import io.scribehook.core.config.ConfigSource;
import io.scribehook.receiver.healthie.HealthieStandIn;
import io.scribehook.signatures.Profile;
import io.scribehook.signatures.WebhookSecret;
import io.scribehook.signatures.WebhookSigner;
import io.scribehook.store.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An in-process app with the receiver role, a Healthie GraphQL stand-in, and helpers to sign and send. */
final class ReceiverHarness implements AutoCloseable {
    static final String SECRET = "whsec_current_0123456789";
    static final String OLD_SECRET = "whsec_previous_9876543210";
    static final String ADMIN = "admin-token-for-tests-0123456789";
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");
    private static final ObjectMapper JSON = new ObjectMapper();
    final HealthieStandIn standIn;
    final ScribehookApp app;
    final Clock clock;
    private final HttpClient http = HttpClient.newHttpClient();

    private ReceiverHarness(HealthieStandIn standIn, ScribehookApp app, Clock clock) {
        this.standIn = standIn;
        this.app = app;
        this.clock = clock;
    }

    static ReceiverHarness start(Map<String, String> extra, Clock clock) {
        HealthieStandIn standIn = HealthieStandIn.start();
        Map<String, String> v = new HashMap<>();
        v.put("SCRIBEHOOK_HTTP_PORT", "0");
        v.put("SCRIBEHOOK_DATA_DIR", freshDir().toString());
        v.put("SCRIBEHOOK_ROLES", "receiver");
        v.put("SCRIBEHOOK_ADMIN_TOKEN", ADMIN);
        v.put("SCRIBEHOOK_WEBHOOK_SECRETS", SECRET);
        v.put("SCRIBEHOOK_HEALTHIE_API_URL", standIn.endpoint().toString());
        v.put("SCRIBEHOOK_HEALTHIE_API_KEY", "test-api-key");
        v.put("SCRIBEHOOK_JOB_POLL_INTERVAL", "200ms");
        v.putAll(extra);
        ScribehookApp app = ScribehookApp.start(
                AppConfig.from(ConfigSource.of(v)),
                clock,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return new ReceiverHarness(standIn, app, clock);
    }

    static Path freshDir() {
        return TestDatabases.newFolder("receiver");
    }

    String base() {
        return "http://127.0.0.1:" + app.port();
    }

    /** Signs {@code body} with the profile and secret, and posts it to the webhook path. */
    HttpResponse<String> send(Profile profile, String body, String... secrets) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        List<WebhookSecret> keys = java.util.stream.IntStream.range(0, secrets.length)
                .mapToObj(i -> new WebhookSecret("k" + i, secrets[i]))
                .toList();
        Map<String, String> headers = WebhookSigner.sign(
                profile,
                "POST",
                "/healthie-webhooks",
                "application/json",
                bytes,
                keys.isEmpty() ? List.of(new WebhookSecret("k0", SECRET)) : keys,
                clock.instant());
        return post(bytes, headers);
    }

    HttpResponse<String> post(byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + "/healthie-webhooks"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((k, val) -> {
            if (!RESTRICTED.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                b.header(k, val);
            }
        });
        return call(b.build());
    }

    HttpResponse<String> call(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> admin(String method, String path, String jsonBody) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + ADMIN);
        b.method(
                method,
                jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        return call(b.build());
    }

    JsonNode adminJson(String path) {
        return json(admin("GET", path, null).body());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest webhook log entry. */
    JsonNode newest() {
        return adminJson("/api/receiver/webhooks?limit=1").get("items").get(0);
    }

    /** Polls the log until the webhook reaches the status. */
    JsonNode awaitStatus(long id, String status) {
        return await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> adminJson("/api/receiver/webhooks/" + id),
                        e -> status.equals(e.path("status").asText()));
    }

    /** Polls until no webhook waits for processing (none accepted or failed). */
    void awaitIdle() {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> adminJson("/api/receiver/webhooks?status=accepted&limit=1")
                                .get("items")
                                .isEmpty()
                        && adminJson("/api/receiver/webhooks?status=failed&limit=1")
                                .get("items")
                                .isEmpty());
    }

    JsonNode appointment(String id) {
        return adminJson("/api/receiver/appointments/" + id);
    }

    @Override
    public void close() {
        app.close();
        standIn.close();
    }
}
