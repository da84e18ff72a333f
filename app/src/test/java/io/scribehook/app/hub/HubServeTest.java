package io.scribehook.app.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scribehook.app.ScribehookApp;
import io.scribehook.app.config.AppConfig;
import io.scribehook.core.config.ConfigSource;
import io.scribehook.store.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code scribehook serve} with the hub role: its routes mounted behind the app's auth and error mapping. */
class HubServeTest {
    private static final String ADMIN = "admin-token-for-tests-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private ScribehookApp app;

    @BeforeEach
    void start() {
        AppConfig config = AppConfig.from(ConfigSource.of(Map.of(
                "SCRIBEHOOK_HTTP_PORT", "0",
                "SCRIBEHOOK_DATA_DIR", TestDatabases.newFolder("hub-app").toString(),
                "SCRIBEHOOK_ROLES", "hub",
                "SCRIBEHOOK_ADMIN_TOKEN", ADMIN,
                "SCRIBEHOOK_HUB_RATE_LIMIT", "off")));
        app = ScribehookApp.start(
                config, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void aKeyFromTheAdminApiOpensGraphQl() throws Exception {
        assertThat(app.hub()).isPresent();
        assertThat(send(post("/api/hub/api-keys", "{}")).statusCode()).isEqualTo(401);
        HttpResponse<String> created =
                send(post("/api/hub/api-keys", "{\"name\":\"ci\"}").header("Authorization", "Bearer " + ADMIN));
        assertThat(created.statusCode()).isEqualTo(201);
        String key = JSON.readTree(created.body()).path("api_key").asText();
        assertThat(key).startsWith("shk_");

        String mutation =
                "mutation { createAppointment(input: {date: \"2026-03-01T10:00:00Z\", zoomMeetingId: \"77\"}) "
                        + "{ appointment { id zoomMeetingId } messages { field message } } }";
        JsonNode r = graphql(key, mutation);
        assertThat(r.path("data")
                        .path("createAppointment")
                        .path("appointment")
                        .path("zoomMeetingId")
                        .asText())
                .isEqualTo("77");
        assertThat(graphql("shk_000000000000_" + "a".repeat(43), mutation)
                        .path("errors")
                        .get(0)
                        .path("extensions")
                        .path("code")
                        .asText())
                .isEqualTo("UNAUTHENTICATED");

        HttpResponse<String> forged =
                send(HttpRequest.newBuilder(URI.create(base() + "/hub/transcripts/1/transcript.vtt?token=1.abc"))
                        .GET());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(forged.body()).path("error").asText()).isEqualTo("url_invalid");
    }

    private JsonNode graphql(String key, String query) throws Exception {
        HttpResponse<String> r = send(post("/graphql", JSON.writeValueAsString(Map.of("query", query)))
                .header("Authorization", "Basic " + key)
                .header("AuthorizationSource", "API"));
        return JSON.readTree(r.body());
    }

    private String base() {
        return "http://127.0.0.1:" + app.port();
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
