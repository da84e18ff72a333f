package io.scribehook.hub.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.scribehook.core.http.ApiException;
import io.scribehook.core.http.JsonBody;
import io.scribehook.hub.keys.ApiKey;
import io.scribehook.hub.keys.ApiKeys;
import io.scribehook.store.StoreException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /graphql}: authenticates {@code Authorization: Basic <api key>} with {@code
 * AuthorizationSource: API}, applies the key's rate limit, runs the operation and answers in
 * GraphQL's response format. Every refusal is GraphQL-shaped too ({@code {"errors": [{message,
 * extensions: {code}}]}}): 401 {@code UNAUTHENTICATED}, 400 {@code BAD_REQUEST}, a rate limit as 200
 * {@code TOO_MANY_REQUESTS} with {@code Retry-After}, 503 {@code SERVICE_UNAVAILABLE}.
 */
public final class GraphQlEndpoint implements Handler {
    private static final Logger LOG = LoggerFactory.getLogger(GraphQlEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_BYTES = 1024 * 1024;
    private final GraphQL graphql;
    private final ApiKeys keys;
    private final RateLimiter limiter;

    public GraphQlEndpoint(GraphQL graphql, ApiKeys keys, RateLimiter limiter) {
        this.graphql = graphql;
        this.keys = keys;
        this.limiter = limiter;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        ApiKey key;
        try {
            key = authenticate(ctx);
        } catch (StoreException e) {
            LOG.warn("graphql authentication failed: database unavailable");
            ctx.header("Retry-After", "5");
            answerError(ctx, 503, "SERVICE_UNAVAILABLE", "the database is unavailable; retry later");
            return;
        }
        if (key == null) {
            return;
        }
        Duration wait = limiter.tryAcquire(key.keyId());
        if (!wait.isZero()) {
            ctx.header("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
            answerError(
                    ctx,
                    200,
                    "TOO_MANY_REQUESTS",
                    "Too many requests: this API key is limited to " + limiter.limit() + "; retry after "
                            + Math.max(1, (wait.toMillis() + 999) / 1000) + " s");
            return;
        }
        if (ctx.req().getContentLengthLong() > MAX_BYTES) {
            answerError(ctx, 413, "PAYLOAD_TOO_LARGE", "the request is larger than " + MAX_BYTES + " bytes");
            return;
        }
        byte[] body = ctx.req().getInputStream().readNBytes((int) MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            answerError(ctx, 413, "PAYLOAD_TOO_LARGE", "the request is larger than " + MAX_BYTES + " bytes");
            return;
        }
        ExecutionInput input;
        try {
            input = input(JsonBody.object(body), new RequestContext(key, baseUrl(ctx)));
        } catch (ApiException e) {
            answerError(ctx, 400, "BAD_REQUEST", e.getMessage());
            return;
        }
        ExecutionResult result = graphql.execute(input);
        ctx.status(200).contentType("application/json").result(JSON.writeValueAsBytes(result.toSpecification()));
    }

    /** The key, or null after answering 401. */
    private ApiKey authenticate(Context ctx) {
        String source = ctx.header("AuthorizationSource");
        String auth = ctx.header("Authorization");
        if (auth == null || auth.isBlank()) {
            answerError(
                    ctx, 401, "UNAUTHENTICATED", "send Authorization: Basic <API key> and AuthorizationSource: API");
            return null;
        }
        if (source == null || !source.strip().equalsIgnoreCase("API")) {
            answerError(ctx, 401, "UNAUTHENTICATED", "send AuthorizationSource: API with an API key");
            return null;
        }
        String value = auth.strip();
        Optional<ApiKey> key = value.regionMatches(true, 0, "Basic ", 0, 6)
                ? keys.authenticate(value.substring(6).strip())
                : Optional.empty();
        if (key.isEmpty()) {
            LOG.info("graphql request refused: unknown, revoked or malformed API key");
            answerError(ctx, 401, "UNAUTHENTICATED", "the API key is not valid");
            return null;
        }
        return key.get();
    }

    @SuppressWarnings("unchecked")
    private static ExecutionInput input(ObjectNode body, RequestContext context) {
        JsonNode query = body.get("query");
        if (query == null || !query.isTextual() || query.asText().isBlank()) {
            throw ApiException.invalidRequest("the body has no \"query\" string");
        }
        JsonNode variables = body.get("variables");
        if (variables != null && !variables.isNull() && !variables.isObject()) {
            throw ApiException.invalidRequest("\"variables\" must be an object");
        }
        JsonNode operation = body.get("operationName");
        Map<String, Object> vars =
                variables == null || variables.isNull() ? Map.of() : JSON.convertValue(variables, Map.class);
        return ExecutionInput.newExecutionInput()
                .query(query.asText())
                .operationName(operation == null || operation.isNull() ? null : operation.asText())
                .variables(vars)
                .graphQLContext(Map.of(RequestContext.class, context))
                .build();
    }

    /** {@code http://host:port} the caller used (its Host header), for absolute URLs in answers. */
    static String baseUrl(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || host.isBlank() || !host.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
            host = ctx.req().getLocalAddr() + ":" + ctx.req().getLocalPort();
        }
        String scheme = Optional.ofNullable(ctx.header("X-Forwarded-Proto"))
                .map(s -> s.toLowerCase(Locale.ROOT))
                .filter(s -> s.equals("https") || s.equals("http"))
                .orElse(ctx.req().getScheme());
        return scheme + "://" + host;
    }

    /** Writes {@code {"errors": [{"message", "extensions": {"code"}}]}} with {@code status}. */
    static void answerError(Context ctx, int status, String code, String message) {
        Map<String, Object> error = Map.of("message", message, "extensions", Map.of("code", code));
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Basic realm=\"healthie\"");
        }
        try {
            ctx.status(status)
                    .contentType("application/json")
                    .result(JSON.writeValueAsBytes(Map.of("errors", List.of(error))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an error to JSON", e);
        }
    }
}
