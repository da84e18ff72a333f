package io.scribehook.receiver.inbox;

/**
 * A replay that was queued. {@code queuedWebhookId} is the webhook whose processing runs again:
 * {@code webhookId} itself, or its original when {@code webhookId} is a duplicate.
 */
public record Replayed(long webhookId, long queuedWebhookId, long jobId) {
    /** Whether the requested webhook was a duplicate, so its original was queued instead. */
    public boolean ofDuplicate() {
        return webhookId != queuedWebhookId;
    }
}
