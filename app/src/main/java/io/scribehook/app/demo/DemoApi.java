package io.scribehook.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The demo talks to its own server the way an integrator and an operator would: over HTTP, to
 * {@code /graphql} with an API key ({@code Authorization: Basic}, {@code AuthorizationSource: API})
 * and to the admin API with the admin token. Failures are {@link DemoFailure}s naming the call and
 * the status, never a body that could hold PHI or a secret.
 */
final class DemoApi {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String apiKey;
    private final Optional<String> adminToken;

    DemoApi(URI base, String apiKey, Optional<String> adminToken) {
        this.base = base;
        this.apiKey = apiKey;
        this.adminToken = adminToken;
    }

    URI base() {
        return base;
    }

    /** Runs a GraphQL document; answers {@code data}, or fails naming the first error's code. */
    JsonNode graphql(String what, String document, ObjectNode variables) {
        ObjectNode body = JSON.createObjectNode().put("query", document);
        body.set("variables", variables);
        HttpResponse<String> r = send(
                what,
                HttpRequest.newBuilder(base.resolve("/graphql"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Basic " + apiKey)
                        .header("AuthorizationSource", "API")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
        JsonNode answer = parse(what, r);
        JsonNode errors = answer.path("errors");
        if (r.statusCode() != 200 || (errors.isArray() && !errors.isEmpty())) {
            throw new DemoFailure(what + " failed (HTTP " + r.statusCode() + ", "
                    + errors.path(0).path("extensions").path("code").asText("no error code") + ")");
        }
        return answer.path("data");
    }

    /** An admin API call; answers the JSON body of a 2xx, else fails naming the status and error code. */
    JsonNode admin(String what, String method, String path, String jsonBody) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .header("Accept", "application/json")
                .method(
                        method,
                        jsonBody == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        adminToken.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        HttpResponse<String> r = send(what, b);
        JsonNode answer = parse(what, r);
        if (r.statusCode() / 100 != 2) {
            throw new DemoFailure(what + " failed (HTTP " + r.statusCode() + ", "
                    + answer.path("error").asText("no error code") + ")");
        }
        return answer;
    }

    /** {@code GET} of the admin API: the body of a 200, or empty for a 404. */
    Optional<JsonNode> find(String what, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).GET();
        adminToken.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        HttpResponse<String> r = send(what, b);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode answer = parse(what, r);
        if (r.statusCode() != 200) {
            throw new DemoFailure(what + " failed (HTTP " + r.statusCode() + ", "
                    + answer.path("error").asText("no error code") + ")");
        }
        return Optional.of(answer);
    }

    private HttpResponse<String> send(String what, HttpRequest.Builder b) {
        try {
            return http.send(
                    b.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DemoFailure(what + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure(what + " interrupted");
        }
    }

    private static JsonNode parse(String what, HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new DemoFailure(what + " answered HTTP " + r.statusCode() + " without JSON");
        }
    }
}
