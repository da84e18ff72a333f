package io.scribehook.hub.appointments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL of {@code hub_transcripts}; every method runs on the caller's handle. */
public final class Transcripts {
    private static final String COLUMNS = "id, appointment_id, status, transcript_type, transcript_start, "
            + "transcript_end, content IS NOT NULL AS has_content, created_at";

    private Transcripts() {}

    /**
     * Stores a transcript once per {@code sourceKey} (a Zoom file id, say; null for no such key):
     * a second store with the same key returns the first one untouched, with {@code created} false.
     */
    public static Stored store(
            Handle h,
            long appointmentId,
            String status,
            String type,
            Instant start,
            Instant end,
            String webVtt,
            String sourceKey,
            Instant now) {
        if (sourceKey != null) {
            Optional<Transcript> existing = findBySource(h, sourceKey);
            if (existing.isPresent()) {
                return new Stored(existing.get(), false);
            }
        }
        long id = h.createQuery("INSERT INTO hub_transcripts (appointment_id, status, transcript_type, "
                        + "transcript_start, transcript_end, content, source_key, created_at, updated_at) "
                        + "VALUES (:a, :s, :t, :start, :end, :c, :k, :now, :now) RETURNING id")
                .bind("a", appointmentId)
                .bind("s", status)
                .bind("t", type)
                .bind("start", SqlTimes.millis(start))
                .bind("end", SqlTimes.millis(end))
                .bind("c", webVtt)
                .bind("k", sourceKey)
                .bind("now", now.toEpochMilli())
                .mapTo(Long.class)
                .one();
        return new Stored(find(h, id).orElseThrow(), true);
    }

    /** A transcript and whether this call created it. */
    public record Stored(Transcript transcript, boolean created) {}

    public static Optional<Transcript> find(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM hub_transcripts WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> read(rs))
                .findOne();
    }

    private static Optional<Transcript> findBySource(Handle h, String sourceKey) {
        return h.createQuery("SELECT " + COLUMNS + " FROM hub_transcripts WHERE source_key = :k")
                .bind("k", sourceKey)
                .map((rs, ctx) -> read(rs))
                .findOne();
    }

    /** The transcripts of an appointment, oldest first, optionally of one type and/or status. */
    public static List<Transcript> forAppointment(Handle h, long appointmentId, String type, String status) {
        var q = h.createQuery("SELECT " + COLUMNS + " FROM hub_transcripts WHERE appointment_id = :a"
                        + (type == null ? "" : " AND transcript_type = :t")
                        + (status == null ? "" : " AND status = :s")
                        + " ORDER BY id")
                .bind("a", appointmentId);
        if (type != null) {
            q.bind("t", type);
        }
        if (status != null) {
            q.bind("s", status);
        }
        return q.map((rs, ctx) -> read(rs)).list();
    }

    /** The WebVTT text, when stored. */
    public static Optional<String> content(Handle h, long id) {
        return h.createQuery("SELECT content FROM hub_transcripts WHERE id = :id AND content IS NOT NULL")
                .bind("id", id)
                .mapTo(String.class)
                .findOne();
    }

    private static Transcript read(ResultSet rs) throws SQLException {
        return new Transcript(
                rs.getLong("id"),
                rs.getLong("appointment_id"),
                rs.getString("status"),
                rs.getString("transcript_type"),
                SqlTimes.instant(rs, "transcript_start"),
                SqlTimes.instant(rs, "transcript_end"),
                rs.getBoolean("has_content"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
