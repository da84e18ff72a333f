package io.scribehook.scribe.note.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scribehook.core.time.Jitter;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts one chat completion to an OpenAI-compatible endpoint, retrying timeouts, network errors,
 * 429 and 5xx with exponential back-off. Logs status codes and reason codes only: never the
 * prompt, the answer or the key.
 */
final class ChatCompletionsClient implements AutoCloseable {

    /** Upper bound of one back-off, the server's Retry-After included. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(ChatCompletionsClient.class);

    private final LlmSettings settings;
    private final Sleeper sleeper;
    private final ObjectMapper json;
    private final HttpClient http;

    ChatCompletionsClient(LlmSettings settings, Sleeper sleeper, ObjectMapper json) {
        this.settings = settings;
        this.sleeper = sleeper;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** One message of the conversation. */
    record Message(String role, String content) {}

    /** Sends the conversation; at most {@code 1 + settings.retries()} requests. */
    ChatResult complete(List<Message> messages) {
        byte[] body = requestBody(messages);
        for (int attempt = 1; ; attempt++) {
            Attempt outcome = send(body);
            switch (outcome) {
                case Attempt.Content c -> {
                    return new ChatResult.Answer(c.text(), attempt);
                }
                case Attempt.Failed f -> {
                    if (!f.retryable() || attempt > settings.retries()) {
                        return new ChatResult.Failure(f.reasonCode(), f.detail(), attempt);
                    }
                    Duration delay = backoff(attempt - 1, f.retryAfter());
                    log.info(
                            "llm request failed ({}), retry {} of {} in {} ms",
                            f.reasonCode(),
                            attempt,
                            settings.retries(),
                            delay.toMillis());
                    try {
                        sleeper.sleep(delay);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return new ChatResult.Failure(
                                FallbackReasons.INTERRUPTED, "interrupted while backing off", attempt);
                    }
                }
            }
        }
    }

    /**
     * The delay before retry {@code n} (0 for the first): {@code backoff * 2^n} spread by ±20 %, or
     * the server's Retry-After; within {@code [backoff, MAX_BACKOFF]}.
     */
    Duration backoff(int n, Optional<Duration> retryAfter) {
        Duration base = settings.retryBackoff();
        Duration d = retryAfter.orElseGet(() -> Jitter.spread(base.multipliedBy(1L << Math.min(n, 16)), 0.2));
        if (d.compareTo(base) < 0) {
            return base;
        }
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    private Attempt send(byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.chatCompletionsUrl())
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!settings.apiKey().isEmpty()) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        CompletableFuture<HttpResponse<String>> future =
                http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = future.get(settings.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return Attempt.Failed.giveUp(FallbackReasons.INTERRUPTED, "interrupted");
        } catch (TimeoutException e) {
            future.cancel(true);
            return Attempt.Failed.retry(
                    FallbackReasons.TIMEOUT,
                    "no answer within " + settings.requestTimeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            return failure(e.getCause());
        }
        return answer(response);
    }

    private Attempt failure(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return Attempt.Failed.retry(
                    FallbackReasons.TIMEOUT,
                    "no connection within " + settings.connectTimeout().toMillis() + " ms");
        }
        if (cause instanceof HttpTimeoutException) {
            return Attempt.Failed.retry(
                    FallbackReasons.TIMEOUT,
                    "no answer within " + settings.requestTimeout().toMillis() + " ms");
        }
        if (cause instanceof IOException) {
            return Attempt.Failed.retry(
                    FallbackReasons.UNREACHABLE,
                    "network error (" + cause.getClass().getSimpleName() + ")");
        }
        String kind = cause == null ? "unknown" : cause.getClass().getSimpleName();
        return Attempt.Failed.giveUp(FallbackReasons.ERROR, "unexpected failure (" + kind + ")");
    }

    private Attempt answer(HttpResponse<String> response) {
        int status = response.statusCode();
        log.debug("llm request -> HTTP {}", status);
        if (status == 429 || status >= 500) {
            return new Attempt.Failed(FallbackReasons.http(status), "HTTP " + status, true, retryAfter(response));
        }
        if (status < 200 || status >= 300) {
            return Attempt.Failed.giveUp(FallbackReasons.http(status), "HTTP " + status);
        }
        JsonNode root;
        try {
            root = json.readTree(response.body());
        } catch (IOException e) {
            return Attempt.Failed.giveUp(FallbackReasons.MALFORMED_JSON, "the response body is not JSON");
        }
        if (root == null || !root.isObject()) {
            return Attempt.Failed.giveUp(FallbackReasons.MALFORMED_JSON, "the response body is not a JSON object");
        }
        JsonNode content = root.path("choices").path(0).path("message").path("content");
        if (!content.isTextual() || content.asText().isBlank()) {
            return Attempt.Failed.giveUp(FallbackReasons.EMPTY, "no message content in the response");
        }
        return new Attempt.Content(content.asText());
    }

    private static Optional<Duration> retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v.strip())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private byte[] requestBody(List<Message> messages) {
        ObjectNode root = json.createObjectNode();
        root.put("model", settings.model());
        ArrayNode list = root.putArray("messages");
        for (Message m : messages) {
            list.addObject().put("role", m.role()).put("content", m.content());
        }
        root.put("temperature", 0);
        root.put("stream", false);
        if (settings.jsonResponseFormat()) {
            root.putObject("response_format").put("type", "json_object");
        }
        try {
            return json.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a chat completions request", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    /** What one request came to. */
    private sealed interface Attempt {
        record Content(String text) implements Attempt {}

        record Failed(String reasonCode, String detail, boolean retryable, Optional<Duration> retryAfter)
                implements Attempt {
            static Failed retry(String reasonCode, String detail) {
                return new Failed(reasonCode, detail, true, Optional.empty());
            }

            static Failed giveUp(String reasonCode, String detail) {
                return new Failed(reasonCode, detail, false, Optional.empty());
            }
        }
    }
}
