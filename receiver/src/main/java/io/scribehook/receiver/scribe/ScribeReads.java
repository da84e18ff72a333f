package io.scribehook.receiver.scribe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scribehook.core.crypto.FieldCipher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reads of the scribe tables for the admin API, decrypting what they answer. */
final class ScribeReads {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FieldCipher cipher;

    ScribeReads(FieldCipher cipher) {
        this.cipher = cipher;
    }

    /** Where the appointment's scribe work stands, or empty when it has none. */
    static Optional<Map<String, Object>> state(Handle h, String appointmentId) {
        return h.createQuery("SELECT appointment_id, state, reason, transcript_id, transcript_type, note_version, "
                        + "waiting_since, updated_at FROM scribe_appointments WHERE appointment_id = :a")
                .bind("a", appointmentId)
                .map((rs, c) -> stateRow(rs))
                .findOne();
    }

    /**
     * Appointments by most recent change, then id; {@code state} null for all; {@code after} null for
     * the first page, else the last item of the previous page.
     */
    static List<Map<String, Object>> list(Handle h, String state, Cursor after, int limit) {
        String where = (state == null ? "1 = 1" : "state = :s")
                + (after == null
                        ? ""
                        : " AND (updated_at < :before OR (updated_at = :before AND appointment_id > :id))");
        var q = h.createQuery("SELECT appointment_id, state, reason, transcript_id, transcript_type, note_version, "
                + "waiting_since, updated_at FROM scribe_appointments WHERE " + where
                + " ORDER BY updated_at DESC, appointment_id LIMIT " + limit);
        if (state != null) {
            q.bind("s", state);
        }
        if (after != null) {
            q.bind("before", after.updatedAt()).bind("id", after.appointmentId());
        }
        return q.map((rs, c) -> stateRow(rs)).list();
    }

    /** Where a page of {@link #list} ends: {@code <updated_at millis>:<appointment id>}. */
    record Cursor(long updatedAt, String appointmentId) {
        static Cursor parse(String text) {
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("no ':'");
            }
            return new Cursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
        }

        static Cursor of(Map<String, Object> item) {
            return new Cursor(
                    Instant.parse((String) item.get("updated_at")).toEpochMilli(), (String) item.get("appointment_id"));
        }

        String text() {
            return updatedAt + ":" + appointmentId;
        }
    }

    private static Map<String, Object> stateRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("appointment_id", rs.getString("appointment_id"));
        m.put("state", rs.getString("state"));
        m.put("reason", rs.getString("reason"));
        m.put("transcript_id", rs.getString("transcript_id"));
        m.put("transcript_type", rs.getString("transcript_type"));
        int v = rs.getInt("note_version");
        m.put("note_version", rs.wasNull() ? null : v);
        long since = rs.getLong("waiting_since");
        m.put("waiting_since", rs.wasNull() ? null : Instant.ofEpochMilli(since).toString());
        m.put("updated_at", Instant.ofEpochMilli(rs.getLong("updated_at")).toString());
        return m;
    }

    /** The transcripts drafted for the appointment (ids, types, times, counts), oldest first. */
    static List<Map<String, Object>> transcripts(Handle h, String appointmentId) {
        return h.createQuery(
                        "SELECT transcript_id, transcript_type, started_at, ended_at, turn_count, duration_ms, "
                                + "processed_at FROM scribe_transcripts WHERE appointment_id = :a ORDER BY processed_at, transcript_id")
                .bind("a", appointmentId)
                .map((rs, c) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("transcript_id", rs.getString("transcript_id"));
                    m.put("transcript_type", rs.getString("transcript_type"));
                    m.put("transcript_start", time(rs, "started_at"));
                    m.put("transcript_end", time(rs, "ended_at"));
                    m.put("turns", rs.getInt("turn_count"));
                    m.put("duration_seconds", rs.getLong("duration_ms") / 1000.0);
                    m.put("processed_at", time(rs, "processed_at"));
                    return m;
                })
                .list();
    }

    /** The decrypted analysis of a transcript of the appointment, or empty. */
    Optional<JsonNode> analysis(Handle h, String appointmentId, String transcriptId) {
        return h.createQuery("SELECT analysis FROM scribe_transcripts WHERE transcript_id = :t AND appointment_id = :a")
                .bind("t", transcriptId)
                .bind("a", appointmentId)
                .mapTo(String.class)
                .findOne()
                .map(v -> json(
                        cipher.decrypt(v, ScribeTables.place(ScribeTables.TRANSCRIPTS, transcriptId, "analysis"))));
    }

    /** The decrypted turns of a transcript of the appointment, in order (empty if it has none). */
    List<Map<String, Object>> turns(Handle h, String appointmentId, String transcriptId) {
        return h.createQuery("SELECT seq, speaker, role, start_ms, end_ms, text FROM scribe_turns "
                        + "WHERE transcript_id = :t AND appointment_id = :a ORDER BY seq")
                .bind("t", transcriptId)
                .bind("a", appointmentId)
                .map((rs, c) -> {
                    int seq = rs.getInt("seq");
                    String row = ScribeTables.turnRow(transcriptId, seq);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("seq", seq);
                    m.put(
                            "speaker",
                            cipher.decrypt(
                                    rs.getString("speaker"), ScribeTables.place(ScribeTables.TURNS, row, "speaker")));
                    m.put("role", rs.getString("role"));
                    m.put("start", rs.getLong("start_ms") / 1000.0);
                    m.put("end", rs.getLong("end_ms") / 1000.0);
                    m.put(
                            "text",
                            cipher.decrypt(rs.getString("text"), ScribeTables.place(ScribeTables.TURNS, row, "text")));
                    return m;
                })
                .list();
    }

    /** The appointment's note versions without their text, oldest first. */
    static List<Map<String, Object>> notes(Handle h, String appointmentId) {
        return h.createQuery(
                        "SELECT version, transcript_id, writer, template, created_at, updated_at FROM scribe_notes "
                                + "WHERE appointment_id = :a ORDER BY version")
                .bind("a", appointmentId)
                .map((rs, c) -> noteMeta(rs))
                .list();
    }

    /** One note version with its decrypted note, or empty. */
    Optional<Map<String, Object>> note(Handle h, String appointmentId, int version) {
        return h.createQuery("SELECT version, transcript_id, writer, template, created_at, updated_at, note "
                        + "FROM scribe_notes WHERE appointment_id = :a AND version = :v")
                .bind("a", appointmentId)
                .bind("v", version)
                .map((rs, c) -> {
                    Map<String, Object> m = noteMeta(rs);
                    String row =
                            ScribeTables.noteRow(appointmentId, rs.getString("transcript_id"), rs.getString("writer"));
                    m.put(
                            "note",
                            json(cipher.decrypt(
                                    rs.getString("note"), ScribeTables.place(ScribeTables.NOTES, row, "note"))));
                    return m;
                })
                .findOne();
    }

    private static Map<String, Object> noteMeta(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", rs.getInt("version"));
        m.put("transcript_id", rs.getString("transcript_id"));
        m.put("writer", rs.getString("writer"));
        m.put("template", rs.getString("template"));
        m.put("created_at", time(rs, "created_at"));
        m.put("updated_at", time(rs, "updated_at"));
        return m;
    }

    private static String time(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v).toString();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("stored JSON does not parse", e);
        }
    }
}
