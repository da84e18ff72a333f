package io.scribehook.receiver.healthie;

import java.time.Instant;

/**
 * One entry of the sender's {@code sentWebhooks} log: a delivery attempt of a thin event.
 *
 * @param status the receiver's HTTP status ({@code http_response_status}); null when no answer came
 * @param createdAt when it was sent; null if absent or unreadable
 */
public record SentWebhook(
        String id,
        String webhookId,
        String eventType,
        String resourceId,
        String resourceType,
        Integer status,
        Instant createdAt) {

    /** Whether the receiver did not answer 2xx. */
    public boolean failed() {
        return status == null || status < 200 || status > 299;
    }
}
