package io.scribehook.hub.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.scribehook.core.http.ApiException;
import io.scribehook.hub.Hub;
import io.scribehook.hub.HubSettings;
import io.scribehook.hub.graphql.GraphQlPart;
import io.scribehook.store.Database;
import io.scribehook.store.queue.QueueSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hub served by Javalin on a free port of 127.0.0.1, with {@link ApiException}s written as the app
 * writes them, events recorded by {@link RecordedHubEvents}, and helpers to call {@code /graphql}.
 */
public final class HubTestServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Hub hub;
    private final Javalin javalin;
    private final RecordedHubEvents events;
    private final HttpClient http = HttpClient.newHttpClient();

    private HubTestServer(Hub hub, Javalin javalin, RecordedHubEvents events) {
        this.hub = hub;
        this.javalin = javalin;
        this.events = events;
    }

    public static HubTestServer start(Database db, HubSettings settings, Clock clock) {
        return start(db, settings, clock, List.of());
    }

    /** A hub with further GraphQL parts, such as the webhook registry's. */
    public static HubTestServer start(Database db, HubSettings settings, Clock clock, List<GraphQlPart> moreParts) {
        RecordedHubEvents events = new RecordedHubEvents();
        Hub hub = Hub.start(
                settings,
                db,
                QueueSettings.defaults().withPollInterval(Duration.ofMillis(100)),
                events,
                clock,
                moreParts);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.concurrency.useVirtualThreads = true;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            hub.register(config.routes);
            config.routes.exception(ApiException.class, (e, ctx) -> {
                e.headers().forEach(ctx::header);
                ctx.status(e.status()).contentType("application/json").result(e.body());
            });
        });
        app.start();
        return new HubTestServer(hub, app, events);
    }

    public Hub hub() {
        return hub;
    }

    public RecordedHubEvents events() {
        return events;
    }

    public String base() {
        return "http://127.0.0.1:" + javalin.port();
    }

    /** A new API key's value. */
    public String newKey() {
        return hub.apiKeys().create("test").value();
    }

    /** Posts a GraphQL operation with Healthie's headers. */
    public HttpResponse<String> graphql(String key, String query, Map<String, ?> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        try {
            return post(
                    "/graphql",
                    JSON.writeValueAsString(body),
                    "Authorization",
                    "Basic " + key,
                    "AuthorizationSource",
                    "API",
                    "Content-Type",
                    "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #graphql} answered 200, as JSON. */
    public JsonNode graphqlOk(String key, String query, Map<String, ?> variables) {
        HttpResponse<String> r = graphql(key, query, variables);
        if (r.statusCode() != 200) {
            throw new AssertionError("HTTP " + r.statusCode() + ": " + r.body());
        }
        return json(r.body());
    }

    public HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base() + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    public HttpResponse<String> get(String urlOrPath) {
        String url = urlOrPath.startsWith("http") ? urlOrPath : base() + urlOrPath;
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        javalin.stop();
        hub.close();
    }
}
