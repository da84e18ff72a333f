package io.scribehook.receiver.process;

import io.scribehook.core.event.ThinEvent;
import io.scribehook.receiver.healthie.AppointmentSnapshot;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Attendance records ({@code receiver_attendance}), one per (appointment, joined/left, participant,
 * event time): a redelivery adds nothing, leaving and rejoining adds two. Names and emails are PHI:
 * stored here (they make the participant's identity), never logged, and never answered:
 * {@link #list} gives a pseudonymous {@link ParticipantKeys participant key} and the role instead.
 */
public final class Attendance {
    private Attendance() {}

    /**
     * Records a join or leave; returns whether it was new.
     *
     * @param snapshot the appointment as fetched for this event, or null; tells the participant's role
     * @param fallbackEventKey identifies the event when the payload has no {@code event_ts}
     */
    public static boolean record(
            Handle h,
            ThinEvent e,
            AppointmentSnapshot snapshot,
            String action,
            long webhookId,
            String fallbackEventKey,
            Instant now) {
        String participant = e.participantEmail() != null
                ? "email:" + e.participantEmail().trim().toLowerCase(Locale.ROOT)
                : e.participantName() != null
                        ? "name:" + e.participantName().trim()
                        : e.hostUserId() != null ? "host:" + e.hostUserId() : "unknown";
        String eventKey = e.eventTs() != null ? Long.toString(e.eventTs().toEpochMilli()) : "body:" + fallbackEventKey;
        return h.createUpdate(
                                "INSERT INTO receiver_attendance (appointment_id, action, participant_key, participant_name, "
                                        + "participant_email, participant_role, host_user_id, event_at, event_key, webhook_id, recorded_at) "
                                        + "VALUES (:a, :action, :p, :name, :email, :role, :host, :at, :key, :w, :now) "
                                        + "ON CONFLICT (appointment_id, action, participant_key, event_key) DO NOTHING")
                        .bind("a", e.resourceId())
                        .bind("action", action)
                        .bind("p", participant)
                        .bind("name", e.participantName())
                        .bind("email", e.participantEmail())
                        .bind("role", ParticipantRole.of(e, snapshot).id())
                        .bind("host", e.hostUserId())
                        .bind("at", e.eventTs() == null ? null : e.eventTs().toEpochMilli())
                        .bind("key", eventKey)
                        .bind("w", webhookId)
                        .bind("now", now.toEpochMilli())
                        .execute()
                == 1;
    }

    /**
     * The appointment's joins and leaves in event order: action, {@code participant_key} (from
     * {@code keys}; null when the payload named nobody), {@code role} ({@code host},
     * {@code participant}, {@code unknown}), host id, time and webhook id; no names or emails.
     */
    public static List<Map<String, Object>> list(Handle h, String appointmentId, ParticipantKeys keys) {
        return h.createQuery(
                        "SELECT action, participant_name, participant_email, participant_role, host_user_id, "
                                + "event_at, webhook_id FROM receiver_attendance WHERE appointment_id = :a ORDER BY event_at, id")
                .bind("a", appointmentId)
                .map((rs, c) -> {
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("action", rs.getString("action"));
                    a.put(
                            "participant_key",
                            keys.keyOf(rs.getString("participant_email"), rs.getString("participant_name")));
                    a.put(
                            "role",
                            ParticipantRole.byId(rs.getString("participant_role"))
                                    .id());
                    a.put("host_user_id", rs.getString("host_user_id"));
                    long at = rs.getLong("event_at");
                    a.put(
                            "event_at",
                            rs.wasNull() ? null : Instant.ofEpochMilli(at).toString());
                    a.put("webhook_id", rs.getLong("webhook_id"));
                    return a;
                })
                .list();
    }
}
