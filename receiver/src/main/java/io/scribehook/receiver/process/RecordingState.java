package io.scribehook.receiver.process;

import java.time.Duration;
import java.time.Instant;

/**
 * The recording lifecycle of one appointment. Times come from {@code event_ts} or the fetched
 * cloud-recording files, never from arrival; arrival is kept apart.
 *
 * @param state {@code recording}, {@code processing}, {@code recorded}, {@code transcribing},
 *              {@code transcript_failed} or {@code transcript_available}
 * @param recordingDuration stop minus start when both are known, else null
 */
public record RecordingState(
        String appointmentId,
        String state,
        Instant recordingStartedAt,
        Instant recordingStoppedAt,
        Instant recordingCompletedAt,
        Instant transcriptStartedAt,
        Instant transcriptAvailableAt,
        Instant transcriptFailedAt,
        Duration recordingDuration,
        Instant firstArrivalAt,
        Instant lastArrivalAt) {}
