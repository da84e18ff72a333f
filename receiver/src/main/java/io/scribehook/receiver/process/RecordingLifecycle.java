package io.scribehook.receiver.process;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Merges lifecycle events into {@code receiver_recordings}: a bit per event seen and the
 * earliest start / latest end per time column, so duplicates and any arrival order give the same row.
 */
public final class RecordingLifecycle {
    private RecordingLifecycle() {}

    /** Records one event; {@code eventAt} may be null when neither payload nor API gave a time. */
    public static void record(Handle h, String appointmentId, LifecycleEvent event, Instant eventAt, Instant arrival) {
        String col = event.column();
        String pick = event.keepEarliest() ? "<" : ">";
        h.createUpdate("INSERT INTO receiver_recordings (appointment_id, seen, " + col
                        + ", first_arrival_at, last_arrival_at) "
                        + "VALUES (:a, :bit, :t, :arr, :arr) ON CONFLICT (appointment_id) DO UPDATE SET "
                        + "seen = receiver_recordings.seen | excluded.seen, "
                        + col + " = CASE WHEN excluded." + col + " IS NULL THEN receiver_recordings." + col
                        + " WHEN receiver_recordings." + col + " IS NULL OR excluded." + col + " " + pick
                        + " receiver_recordings." + col
                        + " THEN excluded." + col + " ELSE receiver_recordings." + col + " END, "
                        + "first_arrival_at = CASE WHEN excluded.first_arrival_at < receiver_recordings.first_arrival_at "
                        + "THEN excluded.first_arrival_at ELSE receiver_recordings.first_arrival_at END, "
                        + "last_arrival_at = CASE WHEN excluded.last_arrival_at > receiver_recordings.last_arrival_at "
                        + "THEN excluded.last_arrival_at ELSE receiver_recordings.last_arrival_at END")
                .bind("a", appointmentId)
                .bind("bit", event.bit())
                .bind("t", eventAt == null ? null : eventAt.toEpochMilli())
                .bind("arr", arrival.toEpochMilli())
                .execute();
    }

    public static Optional<RecordingState> find(Handle h, String appointmentId) {
        return h.createQuery("SELECT * FROM receiver_recordings WHERE appointment_id = :a")
                .bind("a", appointmentId)
                .map((rs, ctx) -> state(rs))
                .findOne();
    }

    private static RecordingState state(ResultSet rs) throws SQLException {
        Instant start = instant(rs, "recording_started_at");
        Instant stop = instant(rs, "recording_stopped_at");
        return new RecordingState(
                rs.getString("appointment_id"),
                LifecycleEvent.highest(rs.getInt("seen"))
                        .map(LifecycleEvent::state)
                        .orElse("unknown"),
                start,
                stop,
                instant(rs, "recording_completed_at"),
                instant(rs, "transcript_started_at"),
                instant(rs, "transcript_available_at"),
                instant(rs, "transcript_failed_at"),
                start != null && stop != null && !stop.isBefore(start) ? Duration.between(start, stop) : null,
                instant(rs, "first_arrival_at"),
                instant(rs, "last_arrival_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
