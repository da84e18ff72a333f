package io.scribehook.receiver.reconcile;

/** Why reconcile lists an appointment. */
public enum MissedReason {
    /** The sender logged a webhook for it that the local webhook log has no trace of. */
    NOT_RECEIVED("not_received", true),
    /** The sender logged a webhook for it that this receiver refused (signature, source, ...). */
    REJECTED("rejected", true),
    /** A completed transcript that was never drafted (no transcript webhook was processed for it). */
    TRANSCRIPT_NOT_PROCESSED("transcript_not_processed", false),
    /** The transcript job gave up waiting ({@code transcript_missing}); the transcript has completed since. */
    TRANSCRIPT_MISSING("transcript_missing", false),
    /** A completed transcript whose last draft attempt failed. */
    DRAFT_FAILED("draft_failed", false);

    private final String id;
    private final boolean webhook;

    MissedReason(String id, boolean webhook) {
        this.id = id;
        this.webhook = webhook;
    }

    /** The stable name printed and answered. */
    public String id() {
        return id;
    }

    /** Whether it is a missed webhook (processed by a refresh) rather than an unprocessed transcript. */
    public boolean webhook() {
        return webhook;
    }
}
