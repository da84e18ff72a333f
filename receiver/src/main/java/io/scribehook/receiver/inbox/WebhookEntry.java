package io.scribehook.receiver.inbox;

import java.time.Instant;

/**
 * One row of the webhook log, without its body. Holds ids, types and times only (no PHI), so it
 * can be listed by the admin API as it is. {@code deliveryId} is the sender's {@code Webhook-Id}, or null.
 */
public record WebhookEntry(
        long id,
        Instant receivedAt,
        Instant updatedAt,
        WebhookStatus status,
        String reason,
        String eventType,
        String resourceId,
        String resourceType,
        String bodyShape,
        String profile,
        String keyId,
        String sourceIp,
        int httpStatus,
        String bodySha256,
        Long duplicateOf,
        int attempts,
        Instant processedAt,
        String deliveryId) {}
