package io.scribehook.receiver.inbox;

import java.time.Instant;

/**
 * Filters of the webhook log listing; null fields do not filter.
 *
 * @param beforeId keyset cursor: only rows with a smaller id (newest first)
 */
public record WebhookFilter(
        String eventType,
        WebhookStatus status,
        String resourceId,
        Instant since,
        Instant until,
        Long beforeId,
        int limit) {

    public static WebhookFilter all(int limit) {
        return new WebhookFilter(null, null, null, null, null, null, limit);
    }
}
