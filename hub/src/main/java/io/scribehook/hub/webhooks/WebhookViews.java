package io.scribehook.hub.webhooks;

import io.scribehook.delivery.registry.FieldError;
import io.scribehook.delivery.registry.Webhook;
import io.scribehook.delivery.registry.WebhookPage;
import io.scribehook.delivery.send.Attempt;
import io.scribehook.hub.graphql.HubDates;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Webhooks as the snake_case maps the default data fetcher reads. */
final class WebhookViews {
    private WebhookViews() {}

    static Map<String, Object> webhook(Webhook w, Instant now) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", Long.toString(w.id()));
        m.put("url", w.url());
        m.put("is_enabled", w.enabled());
        m.put("should_retry", w.shouldRetry());
        m.put("signature_secret", w.secret().value());
        m.put("signature_key_id", w.secret().keyId());
        m.put("previous_signature_expires_at", w.inOverlap(now) ? HubDates.format(w.previousUntil()) : null);
        m.put("signature_profile", w.profile().id());
        m.put("body_shape", w.shape().configName());
        m.put("disabled_reason", w.disabledReason());
        m.put("warned_at", HubDates.format(w.warnedAt()));
        m.put("webhook_events", w.eventTypes().stream().map(t -> event(w, t)).toList());
        m.put("created_at", HubDates.format(w.createdAt()));
        m.put("updated_at", HubDates.format(w.updatedAt()));
        return m;
    }

    private static Map<String, Object> event(Webhook w, String type) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", w.id() + ":" + type);
        m.put("event_type", type);
        m.put("first_failed_at", HubDates.format(w.failingSince()));
        return m;
    }

    static Map<String, Object> attempt(Attempt a) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", Long.toString(a.id()));
        m.put("message_id", Long.toString(a.messageId()));
        m.put("webhook_id", Long.toString(a.webhookId()));
        m.put("event_type", a.eventType());
        m.put("resource_id", a.resourceId());
        m.put("resource_id_type", a.resourceType());
        m.put("url", a.url());
        m.put("attempt", a.attempt());
        m.put("sent_at", HubDates.format(a.attemptedAt()));
        m.put("created_at", HubDates.format(a.attemptedAt()));
        m.put("duration_ms", (double) a.duration().toMillis());
        m.put("status", a.httpStatus());
        m.put("http_response_status", a.httpStatus());
        m.put("outcome", a.outcome());
        m.put("failed", a.failed());
        m.put("error_class", a.errorClass());
        m.put("response", a.responseBody());
        return m;
    }

    static Map<String, Object> page(WebhookPage p, Instant now) {
        Map<String, Object> info = new HashMap<>();
        info.put("end_cursor", p.endCursor());
        info.put("has_next_page", p.hasNextPage());
        Map<String, Object> m = new HashMap<>();
        m.put("nodes", p.nodes().stream().map(w -> webhook(w, now)).toList());
        m.put("page_info", info);
        m.put("total_count", p.totalCount());
        return m;
    }

    static Map<String, Object> payload(Map<String, Object> webhook, List<FieldError> errors) {
        Map<String, Object> m = new HashMap<>();
        m.put("webhook", webhook);
        m.put(
                "messages",
                errors.stream()
                        .map(e -> Map.of("field", e.field(), "message", e.message()))
                        .toList());
        return m;
    }
}
