package io.scribehook.delivery.registry;

import java.time.Instant;

/**
 * One event type a webhook subscribes to (the API's {@code WebhookEvent}), with its delivery health
 * computed from the attempt log since the last delivered attempt of this webhook and event type.
 *
 * @param id the subscription's own id, kept while the webhook keeps the event type
 * @param retryCount failed attempts since then that were retries (attempt 2 or later of a delivery)
 * @param firstFailedAt the first failed attempt since then; null when none
 * @param lastFailedAt the latest failed attempt since then; null when none
 */
public record Subscription(
        long id, long webhookId, String eventType, int retryCount, Instant firstFailedAt, Instant lastFailedAt) {}
