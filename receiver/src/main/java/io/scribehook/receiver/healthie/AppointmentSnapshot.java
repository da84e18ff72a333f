package io.scribehook.receiver.healthie;

import java.time.Instant;
import java.util.List;

/**
 * An appointment as fetched after a thin webhook. {@link #rawJson()} keeps the API's answer for
 * storage. {@link #toString()} prints ids only: names are PHI.
 *
 * @param date the appointment's start, or null if absent or unreadable (see {@link #rawJson()})
 * @param otherParty the patient, or null
 * @param user the provider, or null
 */
public record AppointmentSnapshot(
        String id,
        Instant date,
        boolean isGroup,
        String zoomMeetingId,
        boolean willBeScribed,
        Person otherParty,
        Person user,
        List<RecordingFile> recordingFiles,
        String rawJson) {

    public AppointmentSnapshot {
        recordingFiles = recordingFiles == null ? List.of() : List.copyOf(recordingFiles);
    }

    /** A patient or provider; {@code email} may be null. {@link #toString()} omits name and email. */
    public record Person(String id, String firstName, String lastName, String email) {
        @Override
        public String toString() {
            return "Person[id=" + id + "]";
        }
    }

    /**
     * One Zoom cloud-recording file. {@code fileType} is MP4, M4A, TRANSCRIPT, CHAT, CC, TIMELINE or
     * THUMBNAIL. {@link #toString()} omits the download URL.
     */
    public record RecordingFile(
            String id,
            String downloadUrl,
            Long fileSize,
            String fileType,
            String meetingId,
            Instant recordingStart,
            Instant recordingEnd,
            String recordingType,
            String status) {
        @Override
        public String toString() {
            return "RecordingFile[id=" + id + ", fileType=" + fileType + ", fileSize=" + fileSize
                    + ", meetingId=" + meetingId + ", recordingStart=" + recordingStart
                    + ", recordingEnd=" + recordingEnd + ", recordingType=" + recordingType
                    + ", status=" + status + "]";
        }
    }

    @Override
    public String toString() {
        return "AppointmentSnapshot[id=" + id + ", date=" + date + ", isGroup=" + isGroup
                + ", zoomMeetingId=" + zoomMeetingId + ", willBeScribed=" + willBeScribed
                + ", otherParty=" + otherParty + ", user=" + user
                + ", recordingFiles=" + recordingFiles + "]";
    }
}
