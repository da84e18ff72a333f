package io.scribehook.hub.appointments;

import java.time.Instant;

/**
 * A transcript of an appointment, without its text.
 *
 * @param status {@code processing|completed|failed|incomplete}
 * @param type {@code realtime_capture|processed_recording}
 * @param hasContent whether WebVTT text is stored (only then can it be downloaded)
 */
public record Transcript(
        long id,
        long appointmentId,
        String status,
        String type,
        Instant start,
        Instant end,
        boolean hasContent,
        Instant createdAt) {

    public static final String REALTIME_CAPTURE = "realtime_capture";
    public static final String PROCESSED_RECORDING = "processed_recording";

    public String idText() {
        return Long.toString(id);
    }
}
