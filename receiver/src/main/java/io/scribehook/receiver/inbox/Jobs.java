package io.scribehook.receiver.inbox;

/** Queue and job kinds of the receiver. */
public final class Jobs {
    /** The receiver's queue. */
    public static final String QUEUE = "receiver";
    /** Process one stored webhook; payload = its webhook log id. */
    public static final String PROCESS_WEBHOOK = "webhook";
    /** Re-fetch one appointment (coalesced after duplicates); payload = the appointment id. */
    public static final String REFRESH_APPOINTMENT = "refresh";
    /** Delete webhook log rows past retention, in batches. */
    public static final String RETENTION = "retention";

    private Jobs() {
    }
}
