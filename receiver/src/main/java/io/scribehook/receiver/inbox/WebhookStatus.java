package io.scribehook.receiver.inbox;

import java.util.Locale;
import java.util.Optional;

/** The fate of one received request, as the webhook log records it. */
public enum WebhookStatus {
    /** Verified, stored and queued for processing. */
    ACCEPTED,
    /** A redelivery of a webhook seen within the dedupe window; acknowledged, not processed again. */
    DUPLICATE,
    /** Refused by a guard (source, size, content type, signature, body); nothing was processed. */
    REJECTED,
    /** Verified and stored, but of an event type this receiver does not handle. */
    IGNORED,
    /** Its handlers ran to completion. */
    PROCESSED,
    /** Its last processing attempt failed; it will be retried. */
    FAILED,
    /** Processing gave up (permanent failure or out of attempts); replay re-runs it. */
    DEAD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<WebhookStatus> byId(String id) {
        for (WebhookStatus s : values()) {
            if (s.id().equalsIgnoreCase(id)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
