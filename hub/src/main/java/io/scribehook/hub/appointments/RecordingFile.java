package io.scribehook.hub.appointments;

import java.time.Instant;

/**
 * A Zoom cloud recording file of an appointment ({@code zoom_cloud_recording_files}).
 *
 * @param id Zoom's file id
 * @param fileType {@code MP4|M4A|TRANSCRIPT|CHAT|CC|TIMELINE|THUMBNAIL}
 */
public record RecordingFile(
        String id,
        long appointmentId,
        String meetingId,
        String downloadUrl,
        Long fileSize,
        String fileType,
        Instant recordingStart,
        Instant recordingEnd,
        String recordingType,
        String status) {}
