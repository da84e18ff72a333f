package io.scribehook.delivery.send;

import java.time.Duration;
import java.time.Instant;

/**
 * One row of the attempt log (Healthie's {@code sentWebhooks} reads these).
 *
 * @param httpStatus   the answer's status; null when there was none
 * @param outcome      {@code delivered}, {@code retry}, {@code rejected}, {@code gone} or {@code failed}
 * @param errorClass   why there was no answer ({@code timeout}, {@code connection}, {@code target_refused},
 *                     {@code redirect}, {@code tls}, {@code io}); null when answered
 * @param responseBody the first bytes of the answer, or the error's one-line description
 */
public record Attempt(
        long id,
        long messageId,
        long webhookId,
        long eventId,
        String eventType,
        String resourceId,
        String resourceType,
        String url,
        int attempt,
        Instant attemptedAt,
        Duration duration,
        Integer httpStatus,
        String outcome,
        String errorClass,
        String responseBody) {
    /** Whether the attempt did not deliver. */
    public boolean failed() {
        return !"delivered".equals(outcome);
    }
}
