package io.scribehook.receiver.inbox;

import io.scribehook.store.queue.JobRequest;

/** Queue and job kinds of the receiver. */
public final class Jobs {
    /** The receiver's queue. */
    public static final String QUEUE = "receiver";
    /** Process one stored webhook; payload = its webhook log id. */
    public static final String PROCESS_WEBHOOK = "webhook";
    /** Re-fetch one appointment (coalesced after duplicates); payload = the appointment id. */
    public static final String REFRESH_APPOINTMENT = "refresh";

    /** Fetch, draft and store an appointment's best completed transcript; payload = the appointment id. */
    public static final String SCRIBE_TRANSCRIPT = "scribe-transcript";
    /** Re-encrypt stored values whose key is no longer the current data key; payload empty. */
    public static final String ROTATE_DATA_KEY = "rotate-data-key";

    /** One periodic reconcile pass; payload empty. */
    public static final String RECONCILE = "reconcile";

    private Jobs() {}

    /** The next periodic reconcile, at {@code at} (unique key {@code reconcile}: one pending at a time). */
    public static JobRequest reconcile(java.time.Instant at) {
        return JobRequest.of(QUEUE, RECONCILE, "").withUniqueKey(RECONCILE).withRunAt(at);
    }

    /**
     * Runs the scribe on one appointment, coalesced: at most one such job waits per appointment
     * (unique key {@code scribe:<appointment id>}).
     */
    public static JobRequest scribeTranscript(String appointmentId) {
        return JobRequest.of(QUEUE, SCRIBE_TRANSCRIPT, appointmentId).withUniqueKey("scribe:" + appointmentId);
    }

    /** One pass of data-key rotation (unique key {@code rotate-data-key}). */
    public static JobRequest rotateDataKey() {
        return JobRequest.of(QUEUE, ROTATE_DATA_KEY, "").withUniqueKey(ROTATE_DATA_KEY);
    }

    /** Processes stored webhook {@code webhookId}. */
    public static JobRequest processWebhook(long webhookId) {
        return JobRequest.of(QUEUE, PROCESS_WEBHOOK, Long.toString(webhookId));
    }

    /**
     * Refreshes one appointment, coalesced: at most one such job waits per appointment (unique key
     * {@code refresh:<appointment id>}); a request arriving while the refresh runs schedules another.
     */
    public static JobRequest refresh(String appointmentId) {
        return JobRequest.of(QUEUE, REFRESH_APPOINTMENT, appointmentId).withUniqueKey("refresh:" + appointmentId);
    }
}
