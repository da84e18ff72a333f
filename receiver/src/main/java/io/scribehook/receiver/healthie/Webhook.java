package io.scribehook.receiver.healthie;

import java.time.Instant;
import java.util.List;

/**
 * A webhook registered with Healthie. {@link #toString()} never prints the signature secret.
 *
 * @param signatureSecret the HMAC key (its UTF-8 bytes as-is), or null if the answer omitted it
 * @param warnedAt when the sender warned about continuous failures, or null
 */
public record Webhook(
        String id,
        String url,
        boolean isEnabled,
        boolean shouldRetry,
        String signatureSecret,
        Instant warnedAt,
        List<WebhookEvent> events) {

    public Webhook {
        events = events == null ? List.of() : List.copyOf(events);
    }

    public List<String> eventTypes() {
        return events.stream().map(WebhookEvent::eventType).toList();
    }

    @Override
    public String toString() {
        return "Webhook[id=" + id + ", url=" + url + ", isEnabled=" + isEnabled
                + ", shouldRetry=" + shouldRetry
                + ", signatureSecret=" + (signatureSecret == null ? "null" : "<redacted>")
                + ", warnedAt=" + warnedAt + ", events=" + events + "]";
    }
}
