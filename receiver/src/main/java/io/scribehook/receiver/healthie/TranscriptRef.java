package io.scribehook.receiver.healthie;

import java.time.Instant;

/**
 * A transcript of an appointment. {@code expiringUrl} is a short-lived URL of a WebVTT file and a
 * bearer credential while it lives: {@link #toString()} omits it.
 *
 * @param status processing, completed, failed or incomplete
 * @param start null if absent or unreadable
 * @param end null if absent or unreadable
 * @param type realtime_capture or processed_recording
 */
public record TranscriptRef(String id, String expiringUrl, String status, Instant start, Instant end, String type) {
    @Override
    public String toString() {
        return "TranscriptRef[id=" + id + ", status=" + status + ", start=" + start + ", end=" + end + ", type=" + type
                + "]";
    }
}
