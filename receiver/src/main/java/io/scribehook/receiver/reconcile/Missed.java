package io.scribehook.receiver.reconcile;

import java.util.Objects;

/**
 * One appointment reconcile found, and why. {@code detail} names event types, ids, times and HTTP
 * statuses only, never PHI.
 *
 * @param transcriptRank for the transcript reasons, the rank of the best completed transcript
 *     ({@link io.scribehook.scribe.source.TranscriptInfo#rank()}); else -1
 */
public record Missed(String appointmentId, MissedReason reason, String detail, int transcriptRank) {
    public Missed {
        Objects.requireNonNull(appointmentId, "appointmentId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
