package io.scribehook.receiver.scribe;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Writes of the scribe tables, inside the caller's transaction. Values arrive already encrypted
 * ({@link SealedDraft}). The appointment's row in {@code scribe_appointments} is written first, so
 * on PostgreSQL it serialises concurrent stores for one appointment.
 */
public final class ScribeStore {
    static final String WAITING = "waiting";
    static final String DRAFTED = "drafted";
    static final String MISSING = "transcript_missing";
    static final String FAILED = "failed";

    private ScribeStore() {}

    /**
     * Records that the appointment waits for a completed transcript (or, with {@code state}
     * {@link #MISSING} or {@link #FAILED}, that it gave up); leaves an appointment that has a note alone.
     */
    static void markState(Handle h, String appointmentId, String state, String reason, Instant since, Instant now) {
        h.createUpdate("INSERT INTO scribe_appointments (appointment_id, state, reason, waiting_since, updated_at) "
                        + "VALUES (:a, :s, :r, :since, :now) ON CONFLICT (appointment_id) DO UPDATE SET "
                        + "state = excluded.state, reason = excluded.reason, waiting_since = excluded.waiting_since, "
                        + "updated_at = excluded.updated_at WHERE scribe_appointments.note_version IS NULL")
                .bind("a", appointmentId)
                .bind("s", state)
                .bind("r", reason)
                .bind("since", since == null ? null : since.toEpochMilli())
                .bind("now", now.toEpochMilli())
                .execute();
    }

    /** The note version already drafted from this transcript by this writer, if any. */
    static Optional<Integer> versionOf(Handle h, String appointmentId, String transcriptId, String writer) {
        return h.createQuery("SELECT version FROM scribe_notes WHERE appointment_id = :a AND transcript_id = :t "
                        + "AND writer = :w")
                .bind("a", appointmentId)
                .bind("t", transcriptId)
                .bind("w", writer)
                .mapTo(Integer.class)
                .findOne();
    }

    /** The rank of the appointment's current transcript; -1 when it has none. */
    public static int currentRank(Handle h, String appointmentId) {
        return h.createQuery("SELECT transcript_rank FROM scribe_appointments WHERE appointment_id = :a")
                .bind("a", appointmentId)
                .mapTo(Integer.class)
                .findOne()
                .orElse(-1);
    }

    /**
     * Stores the transcript's turns and analysis and upserts its note version (keyed by appointment,
     * transcript and writer: a re-run replaces, never duplicates); the transcript becomes the
     * appointment's current one unless a better-ranked one already is. Returns the note version.
     */
    static int storeDrafted(Handle h, SealedDraft d, Instant now) {
        String a = d.appointmentId();
        String tid = d.transcript().id();
        long at = now.toEpochMilli();
        h.createUpdate("INSERT INTO scribe_appointments (appointment_id, state, updated_at) VALUES (:a, :s, :now) "
                        + "ON CONFLICT (appointment_id) DO UPDATE SET updated_at = excluded.updated_at")
                .bind("a", a)
                .bind("s", WAITING)
                .bind("now", at)
                .execute();
        h.createUpdate("INSERT INTO scribe_transcripts (transcript_id, appointment_id, transcript_type, started_at, "
                        + "ended_at, turn_count, duration_ms, analysis, processed_at) VALUES (:t, :a, :type, :start, :end, "
                        + ":turns, :dur, :analysis, :now) ON CONFLICT (transcript_id) DO UPDATE SET "
                        + "transcript_type = excluded.transcript_type, started_at = excluded.started_at, "
                        + "ended_at = excluded.ended_at, turn_count = excluded.turn_count, duration_ms = excluded.duration_ms, "
                        + "analysis = excluded.analysis, processed_at = excluded.processed_at")
                .bind("t", tid)
                .bind("a", a)
                .bind("type", d.transcript().type())
                .bind("start", millis(d.transcript().start()))
                .bind("end", millis(d.transcript().end()))
                .bind("turns", d.turnCount())
                .bind("dur", d.durationMillis())
                .bind("analysis", d.analysis())
                .bind("now", at)
                .execute();
        h.createUpdate("DELETE FROM scribe_turns WHERE transcript_id = :t AND seq >= :n")
                .bind("t", tid)
                .bind("n", d.turnCount())
                .execute();
        var batch = h.prepareBatch("INSERT INTO scribe_turns (transcript_id, seq, appointment_id, speaker, role, "
                + "start_ms, end_ms, text) VALUES (:t, :seq, :a, :speaker, :role, :start, :end, :text) "
                + "ON CONFLICT (transcript_id, seq) DO UPDATE SET speaker = excluded.speaker, role = excluded.role, "
                + "start_ms = excluded.start_ms, end_ms = excluded.end_ms, text = excluded.text");
        for (SealedDraft.SealedTurn turn : d.turns()) {
            batch.bind("t", tid)
                    .bind("seq", turn.seq())
                    .bind("a", a)
                    .bind("speaker", turn.speaker())
                    .bind("role", turn.role())
                    .bind("start", turn.startMillis())
                    .bind("end", turn.endMillis())
                    .bind("text", turn.text())
                    .add();
        }
        if (!d.turns().isEmpty()) {
            batch.execute();
        }
        Optional<Integer> existing = versionOf(h, a, tid, d.writer());
        int version;
        if (existing.isPresent()) {
            version = existing.get();
            h.createUpdate("UPDATE scribe_notes SET note = :note, template = :tpl, updated_at = :now "
                            + "WHERE appointment_id = :a AND version = :v")
                    .bind("note", d.note())
                    .bind("tpl", d.template())
                    .bind("now", at)
                    .bind("a", a)
                    .bind("v", version)
                    .execute();
        } else {
            version = h.createQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM scribe_notes WHERE appointment_id = :a")
                    .bind("a", a)
                    .mapTo(Integer.class)
                    .one();
            h.createUpdate("INSERT INTO scribe_notes (appointment_id, version, transcript_id, writer, template, note, "
                            + "created_at, updated_at) VALUES (:a, :v, :t, :w, :tpl, :note, :now, :now)")
                    .bind("a", a)
                    .bind("v", version)
                    .bind("t", tid)
                    .bind("w", d.writer())
                    .bind("tpl", d.template())
                    .bind("note", d.note())
                    .bind("now", at)
                    .execute();
        }
        h.createUpdate("UPDATE scribe_appointments SET state = :s, reason = NULL, waiting_since = NULL, "
                        + "transcript_id = :t, transcript_type = :type, transcript_rank = :rank, note_version = :v, "
                        + "updated_at = :now WHERE appointment_id = :a AND transcript_rank <= :rank")
                .bind("s", DRAFTED)
                .bind("t", tid)
                .bind("type", d.transcript().type())
                .bind("rank", d.transcript().rank())
                .bind("v", version)
                .bind("now", at)
                .bind("a", a)
                .execute();
        return version;
    }

    /** True when the appointment's current transcript and note version are these. */
    static boolean isCurrent(Handle h, String appointmentId, String transcriptId, int version) {
        return h.createQuery("SELECT COUNT(*) FROM scribe_appointments WHERE appointment_id = :a "
                                + "AND transcript_id = :t AND note_version = :v")
                        .bind("a", appointmentId)
                        .bind("t", transcriptId)
                        .bind("v", version)
                        .mapTo(Integer.class)
                        .one()
                > 0;
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }
}
