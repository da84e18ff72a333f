package io.scribehook.receiver.inbox;

import java.time.Instant;

/**
 * What the endpoint writes for one request; {@code body} is null for rejected requests.
 *
 * @param deliveryId the sender's delivery id (its {@code Webhook-Id} header), or null
 */
public record NewWebhook(
        Instant receivedAt,
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
        String dedupeKey,
        Long duplicateOf,
        byte[] body,
        String deliveryId) {

    /** Without a delivery id. */
    public NewWebhook(
            Instant receivedAt,
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
            String dedupeKey,
            Long duplicateOf,
            byte[] body) {
        this(
                receivedAt,
                status,
                reason,
                eventType,
                resourceId,
                resourceType,
                bodyShape,
                profile,
                keyId,
                sourceIp,
                httpStatus,
                bodySha256,
                dedupeKey,
                duplicateOf,
                body,
                null);
    }

    /** A request a guard refused: no body kept. */
    public static NewWebhook rejected(Instant at, String reason, String sourceIp, int httpStatus) {
        return new NewWebhook(
                at,
                WebhookStatus.REJECTED,
                reason,
                null,
                null,
                null,
                null,
                null,
                null,
                sourceIp,
                httpStatus,
                null,
                null,
                null,
                null);
    }

    /** This webhook as stored at {@code at} with {@code status}; a redelivery of {@code original} when not null. */
    NewWebhook as(Instant at, WebhookStatus status, Long original) {
        return new NewWebhook(
                at,
                status,
                status == WebhookStatus.IGNORED ? "unknown event type" : null,
                eventType,
                resourceId,
                resourceType,
                bodyShape,
                profile,
                keyId,
                sourceIp,
                httpStatus,
                bodySha256,
                dedupeKey,
                original,
                body,
                deliveryId);
    }
}
