package io.scribehook.hub.appointments;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL of {@code hub_recording_files}; every method runs on the caller's handle. */
public final class RecordingFiles {
    private RecordingFiles() {}

    /** Inserts the file or overwrites the stored one with the same id. */
    public static void upsert(Handle h, RecordingFile f, Instant now) {
        h.createUpdate("INSERT INTO hub_recording_files (id, appointment_id, meeting_id, download_url, file_size, "
                        + "file_type, recording_start, recording_end, recording_type, status, updated_at) "
                        + "VALUES (:id, :a, :m, :url, :size, :type, :start, :end, :rtype, :status, :now) "
                        + "ON CONFLICT (id) DO UPDATE SET appointment_id = EXCLUDED.appointment_id, "
                        + "meeting_id = EXCLUDED.meeting_id, download_url = EXCLUDED.download_url, "
                        + "file_size = EXCLUDED.file_size, file_type = EXCLUDED.file_type, "
                        + "recording_start = EXCLUDED.recording_start, recording_end = EXCLUDED.recording_end, "
                        + "recording_type = EXCLUDED.recording_type, status = EXCLUDED.status, "
                        + "updated_at = EXCLUDED.updated_at")
                .bind("id", f.id())
                .bind("a", f.appointmentId())
                .bind("m", f.meetingId())
                .bind("url", f.downloadUrl())
                .bind("size", f.fileSize())
                .bind("type", f.fileType())
                .bind("start", SqlTimes.millis(f.recordingStart()))
                .bind("end", SqlTimes.millis(f.recordingEnd()))
                .bind("rtype", f.recordingType())
                .bind("status", f.status())
                .bind("now", now.toEpochMilli())
                .execute();
    }

    /** The files of an appointment, by recording start then id. */
    public static List<RecordingFile> forAppointment(Handle h, long appointmentId) {
        return h.createQuery("SELECT id, appointment_id, meeting_id, download_url, file_size, file_type, "
                        + "recording_start, recording_end, recording_type, status FROM hub_recording_files "
                        + "WHERE appointment_id = :a ORDER BY recording_start, id")
                .bind("a", appointmentId)
                .map((rs, ctx) -> {
                    long size = rs.getLong("file_size");
                    Long fileSize = rs.wasNull() ? null : size;
                    return new RecordingFile(
                            rs.getString("id"),
                            rs.getLong("appointment_id"),
                            rs.getString("meeting_id"),
                            rs.getString("download_url"),
                            fileSize,
                            rs.getString("file_type"),
                            SqlTimes.instant(rs, "recording_start"),
                            SqlTimes.instant(rs, "recording_end"),
                            rs.getString("recording_type"),
                            rs.getString("status"));
                })
                .list();
    }
}
