package io.scribehook.receiver.healthie;

import java.time.Instant;

/** One event type a registered webhook subscribes to, with its delivery-failure bookkeeping. */
public record WebhookEvent(String id, String eventType, int retryCount, Instant firstFailedAt, Instant lastFailedAt) {}
