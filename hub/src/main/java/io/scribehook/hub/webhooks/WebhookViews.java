package io.scribehook.hub.webhooks;

import io.scribehook.delivery.registry.FieldError;
import io.scribehook.delivery.registry.Subscription;
import io.scribehook.delivery.registry.Webhook;
import io.scribehook.delivery.registry.WebhookPage;
import io.scribehook.delivery.send.Attempt;
import io.scribehook.delivery.send.AttemptLog;
import io.scribehook.hub.graphql.HubDates;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Webhooks as the snake_case maps the default data fetcher reads. */
final class WebhookViews {
    private WebhookViews() {}

    /** The webhook with its subscriptions ({@code webhook_events}, from {@code WebhookRegistry#subscriptions}). */
    static Map<String, Object> webhook(Webhook w, List<Subscription> subscriptions, Instant now) {
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
        m.put("webhook_events", subscriptions.stream().map(WebhookViews::event).toList());
        m.put("created_at", HubDates.format(w.createdAt()));
        m.put("updated_at", HubDates.format(w.updatedAt()));
        return m;
    }

    private static Map<String, Object> event(Subscription s) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", Long.toString(s.id()));
        m.put("event_type", s.eventType());
        m.put("retry_count", s.retryCount());
        m.put("first_failed_at", HubDates.format(s.firstFailedAt()));
        m.put("last_failed_at", HubDates.format(s.lastFailedAt()));
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

    static Map<String, Object> page(WebhookPage p, Map<Long, List<Subscription>> subscriptions, Instant now) {
        return connection(
                p.nodes().stream()
                        .map(w -> webhook(w, subscriptions.getOrDefault(w.id(), List.of()), now))
                        .toList(),
                p.endCursor(),
                p.hasNextPage(),
                p.totalCount());
    }

    static Map<String, Object> sentPage(AttemptLog.Page p) {
        return connection(
                p.nodes().stream().map(WebhookViews::attempt).toList(), p.endCursor(), p.hasNextPage(), p.totalCount());
    }

    private static Map<String, Object> connection(List<?> nodes, String endCursor, boolean more, long total) {
        Map<String, Object> info = new HashMap<>();
        info.put("end_cursor", endCursor);
        info.put("has_next_page", more);
        Map<String, Object> m = new HashMap<>();
        m.put("nodes", nodes);
        m.put("page_info", info);
        m.put("total_count", total);
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
