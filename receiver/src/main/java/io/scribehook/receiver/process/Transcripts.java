package io.scribehook.receiver.process;

import io.scribehook.receiver.healthie.TranscriptRef;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Transcripts known per appointment ({@code receiver_transcripts}), deduplicated by transcript id.
 * The transcript pipeline reads from here.
 */
public final class Transcripts {
    private Transcripts() {}

    /** Upserts every listed transcript; returns how many were new. */
    public static int upsert(Handle h, String appointmentId, List<TranscriptRef> refs, Instant now) {
        int fresh = 0;
        for (TranscriptRef t : refs) {
            boolean known = h.createQuery("SELECT 1 FROM receiver_transcripts WHERE transcript_id = :id")
                    .bind("id", t.id())
                    .mapTo(Integer.class)
                    .findOne()
                    .isPresent();
            if (known) {
                h.createUpdate(
                                "UPDATE receiver_transcripts SET status = :s, transcript_type = :type, started_at = :start, "
                                        + "ended_at = :end, updated_at = :now WHERE transcript_id = :id")
                        .bind("s", t.status())
                        .bind("type", t.type())
                        .bind("start", millis(t.start()))
                        .bind("end", millis(t.end()))
                        .bind("now", now.toEpochMilli())
                        .bind("id", t.id())
                        .execute();
            } else {
                h.createUpdate(
                                "INSERT INTO receiver_transcripts (transcript_id, appointment_id, status, transcript_type, "
                                        + "started_at, ended_at, first_seen_at, updated_at) VALUES (:id, :a, :s, :type, :start, :end, :now, :now)")
                        .bind("id", t.id())
                        .bind("a", appointmentId)
                        .bind("s", t.status())
                        .bind("type", t.type())
                        .bind("start", millis(t.start()))
                        .bind("end", millis(t.end()))
                        .bind("now", now.toEpochMilli())
                        .execute();
                fresh++;
            }
        }
        return fresh;
    }

    /** Ids of the appointment's transcripts, oldest first. */
    public static List<String> ids(Handle h, String appointmentId) {
        return h.createQuery(
                        "SELECT transcript_id FROM receiver_transcripts WHERE appointment_id = :a ORDER BY first_seen_at, transcript_id")
                .bind("a", appointmentId)
                .mapTo(String.class)
                .list();
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }
}
