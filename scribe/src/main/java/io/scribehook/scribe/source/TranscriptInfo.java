package io.scribehook.scribe.source;

import java.time.Instant;

/**
 * A completed transcript of an appointment, without its text or its download address.
 *
 * @param type {@link #PROCESSED_RECORDING} or {@link #REALTIME_CAPTURE} (others are kept as given)
 * @param start null when unknown
 * @param end null when unknown
 */
public record TranscriptInfo(String id, String type, Instant start, Instant end) {
    /** A transcript made from the cloud recording, after the meeting: the better one. */
    public static final String PROCESSED_RECORDING = "processed_recording";
    /** A transcript captured live during the meeting. */
    public static final String REALTIME_CAPTURE = "realtime_capture";

    /**
     * How much this transcript is preferred: a processed recording (2) over a real-time capture
     * (1) over anything else (0).
     */
    public int rank() {
        if (PROCESSED_RECORDING.equals(type)) {
            return 2;
        }
        return REALTIME_CAPTURE.equals(type) ? 1 : 0;
    }
}
