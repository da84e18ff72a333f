package io.scribehook.receiver.process;

import io.scribehook.core.crypto.FieldCipher;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.receiver.healthie.AppointmentSnapshot;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Attendance records ({@code receiver_attendance}), one per (appointment, joined/left, participant,
 * event time): a redelivery adds nothing, leaving and rejoining adds two. The participant is keyed
 * by its pseudonymous {@link ParticipantKeys participant key}. Names and emails are PHI: stored only
 * encrypted (AES-GCM, bound to the row's unique key and the column), never logged, never answered:
 * {@link #list} gives the participant key and the role instead. Rows from before encryption are
 * re-keyed and sealed in the background ({@link io.scribehook.receiver.scribe.AttendanceSealing}).
 */
public final class Attendance {
    private Attendance() {}

    /** The table, for the associated data of its encrypted columns. */
    public static final String TABLE = "receiver_attendance";
    /** SQL naming a row in the associated data (both dialects): its unique key, joined by {@code /}. */
    public static final String ROW_SQL =
            "appointment_id || '/' || action || '/' || participant_key || '/' || event_key";

    /** Where an attendance row's encrypted {@code column} lives. */
    public static FieldCipher.Place place(
            String appointmentId, String action, String participantKey, String eventKey, String column) {
        return new FieldCipher.Place(
                TABLE, appointmentId + "/" + action + "/" + participantKey + "/" + eventKey, column);
    }

    /**
     * The stored participant key: the pseudonymous {@link ParticipantKeys key} of the email, else of
     * the name; {@code host:<id>} or {@code unknown} when the payload names nobody.
     */
    static String participantKey(ParticipantKeys keys, String email, String name, String hostUserId) {
        String k = keys.keyOf(email, name);
        if (k != null) {
            return k;
        }
        return hostUserId != null ? "host:" + hostUserId : "unknown";
    }

    /**
     * Records a join or leave; returns whether it was new. The participant is stored under its
     * pseudonymous key; name and email are stored encrypted with {@code cipher}, and not at all
     * without one.
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
            Instant now,
            ParticipantKeys keys,
            Optional<FieldCipher> cipher) {
        String participant = participantKey(keys, e.participantEmail(), e.participantName(), e.hostUserId());
        String eventKey = e.eventTs() != null ? Long.toString(e.eventTs().toEpochMilli()) : "body:" + fallbackEventKey;
        String appointmentId = e.resourceId();
        String name = cipher.map(c -> c.encrypt(
                        e.participantName(), place(appointmentId, action, participant, eventKey, "participant_name")))
                .orElse(null);
        String email = cipher.map(c -> c.encrypt(
                        e.participantEmail(), place(appointmentId, action, participant, eventKey, "participant_email")))
                .orElse(null);
        return h.createUpdate(
                                "INSERT INTO receiver_attendance (appointment_id, action, participant_key, participant_name, "
                                        + "participant_email, participant_role, host_user_id, event_at, event_key, webhook_id, recorded_at) "
                                        + "VALUES (:a, :action, :p, :name, :email, :role, :host, :at, :key, :w, :now) "
                                        + "ON CONFLICT (appointment_id, action, participant_key, event_key) DO NOTHING")
                        .bind("a", appointmentId)
                        .bind("action", action)
                        .bind("p", participant)
                        .bind("name", name)
                        .bind("email", email)
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
                        "SELECT action, participant_key, participant_name, participant_email, participant_role, host_user_id, "
                                + "event_at, webhook_id FROM receiver_attendance WHERE appointment_id = :a ORDER BY event_at, id")
                .bind("a", appointmentId)
                .map((rs, c) -> {
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("action", rs.getString("action"));
                    String stored = rs.getString("participant_key");
                    a.put(
                            "participant_key",
                            stored.startsWith("p_")
                                    ? stored
                                    : keys.keyOf(rs.getString("participant_email"), rs.getString("participant_name")));
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
