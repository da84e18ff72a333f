package io.scribehook.receiver.process;

import io.scribehook.core.event.EventTypes;
import java.util.Arrays;
import java.util.Optional;

/**
 * The recording-lifecycle events, each with a bit in {@code receiver_recordings.seen} and a time
 * column. Later stages outrank earlier ones when the state is derived, whatever the arrival order.
 */
public enum LifecycleEvent {
    RECORDING_STARTED(EventTypes.APPOINTMENT_RECORDING_STARTED, "recording_started_at", true, "recording"),
    RECORDING_STOPPED(EventTypes.APPOINTMENT_RECORDING_STOPPED, "recording_stopped_at", false, "processing"),
    RECORDING_COMPLETED(EventTypes.APPOINTMENT_RECORDING_COMPLETED, "recording_completed_at", false, "recorded"),
    TRANSCRIPT_STARTED(EventTypes.APPOINTMENT_TRANSCRIPT_STARTED, "transcript_started_at", true, "transcribing"),
    TRANSCRIPT_FAILED(EventTypes.APPOINTMENT_TRANSCRIPT_FAILED, "transcript_failed_at", false, "transcript_failed"),
    TRANSCRIPT_AVAILABLE(
            EventTypes.APPOINTMENT_TRANSCRIPT_AVAILABLE, "transcript_available_at", false, "transcript_available");

    private final String wireName;
    private final String column;
    private final boolean keepEarliest;
    private final String state;

    LifecycleEvent(String wireName, String column, boolean keepEarliest, String state) {
        this.wireName = wireName;
        this.column = column;
        this.keepEarliest = keepEarliest;
        this.state = state;
    }

    public static Optional<LifecycleEvent> of(String eventType) {
        return Arrays.stream(values()).filter(e -> e.wireName.equals(eventType)).findFirst();
    }

    int bit() {
        return 1 << ordinal();
    }

    String column() {
        return column;
    }

    /** Starts keep the earliest time seen, ends the latest: the merge is order-independent. */
    boolean keepEarliest() {
        return keepEarliest;
    }

    /** The state an appointment is in when this is the highest-ranked event seen. */
    public String state() {
        return state;
    }

    /** The highest-ranked event in a {@code seen} bit set, or empty. */
    static Optional<LifecycleEvent> highest(int seen) {
        LifecycleEvent[] all = values();
        for (int i = all.length - 1; i >= 0; i--) {
            if ((seen & all[i].bit()) != 0) {
                return Optional.of(all[i]);
            }
        }
        return Optional.empty();
    }
}
