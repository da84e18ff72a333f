package io.scribehook.receiver.inbox;

/** What storing one verified webhook did. Every variant means the row is committed. */
public sealed interface AcceptOutcome {
    long webhookId();

    /** Stored and queued for processing. */
    record Accepted(long webhookId, long jobId) implements AcceptOutcome {}

    /**
     * A redelivery of {@code originalId}; nothing is processed again, except that some event
     * types schedule one coalesced refresh of their appointment.
     */
    record Duplicate(long webhookId, long originalId, boolean refreshScheduled) implements AcceptOutcome {}

    /** Stored, but of an event type the receiver does not handle. */
    record Ignored(long webhookId) implements AcceptOutcome {}
}
