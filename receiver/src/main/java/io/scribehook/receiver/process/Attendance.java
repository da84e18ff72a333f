package io.scribehook.receiver.process;

import io.scribehook.core.event.ThinEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Attendance records ({@code receiver_attendance}), one per (appointment, joined/left, participant,
 * event time): a redelivery adds nothing, leaving and rejoining adds two. Names and emails are PHI:
 * stored here, never logged.
 */
public final class Attendance {
    private Attendance() {
    }

    /**
     * Records a join or leave; returns whether it was new.
     *
     * @param fallbackEventKey identifies the event when the payload has no {@code event_ts}
     */
    public static boolean record(Handle h, ThinEvent e, String action, long webhookId, String fallbackEventKey, Instant now) {
        String participant = e.participantEmail() != null ? "email:" + e.participantEmail().trim().toLowerCase(Locale.ROOT)
                : e.participantName() != null ? "name:" + e.participantName().trim()
                : e.hostUserId() != null ? "host:" + e.hostUserId() : "unknown";
        String eventKey = e.eventTs() != null ? Long.toString(e.eventTs().toEpochMilli()) : "body:" + fallbackEventKey;
        return h.createUpdate("INSERT INTO receiver_attendance (appointment_id, action, participant_key, participant_name, "
                        + "participant_email, host_user_id, event_at, event_key, webhook_id, recorded_at) "
                        + "VALUES (:a, :action, :p, :name, :email, :host, :at, :key, :w, :now) "
                        + "ON CONFLICT (appointment_id, action, participant_key, event_key) DO NOTHING")
                .bind("a", e.resourceId()).bind("action", action).bind("p", participant)
                .bind("name", e.participantName()).bind("email", e.participantEmail()).bind("host", e.hostUserId())
                .bind("at", e.eventTs() == null ? null : e.eventTs().toEpochMilli()).bind("key", eventKey)
                .bind("w", webhookId).bind("now", now.toEpochMilli())
                .execute() == 1;
    }

    /** The appointment's joins and leaves in event order: action, host id, time, webhook id (no names or emails). */
    public static List<Map<String, Object>> list(Handle h, String appointmentId) {
        return h.createQuery("SELECT action, host_user_id, event_at, webhook_id FROM receiver_attendance "
                        + "WHERE appointment_id = :a ORDER BY event_at, id")
                .bind("a", appointmentId)
                .map((rs, c) -> {
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("action", rs.getString("action"));
                    a.put("host_user_id", rs.getString("host_user_id"));
                    long at = rs.getLong("event_at");
                    a.put("event_at", rs.wasNull() ? null : Instant.ofEpochMilli(at).toString());
                    a.put("webhook_id", rs.getLong("webhook_id"));
                    return a;
                }).list();
    }
}
