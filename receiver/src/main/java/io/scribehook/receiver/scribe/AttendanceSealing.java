package io.scribehook.receiver.scribe;

import io.scribehook.core.crypto.FieldCipher;
import io.scribehook.receiver.process.Attendance;
import io.scribehook.receiver.process.ParticipantKeys;
import io.scribehook.store.Database;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Migrates attendance rows written before encryption: their participant key (then {@code email:...}
 * or {@code name:...} in clear) becomes the pseudonymous key, and their name and email are
 * encrypted, in batches of short transactions. Two old rows that now share a key (a name written
 * in two cases, say) are one participant: the later is dropped as the duplicate it was. Idempotent;
 * run by the rotation job.
 */
public final class AttendanceSealing {
    static final int BATCH = 200;
    private final Database db;
    private final FieldCipher cipher;
    private final ParticipantKeys keys;

    public AttendanceSealing(Database db, FieldCipher cipher, ParticipantKeys keys) {
        this.db = db;
        this.cipher = cipher;
        this.keys = keys;
    }

    /** Seals every row still in clear; returns how many were changed or dropped. */
    public int sealAll() {
        int total = 0;
        while (true) {
            List<Legacy> rows = db.jdbi().withHandle(this::legacy);
            if (rows.isEmpty()) {
                return total;
            }
            total += db.writer().write(h -> {
                int n = 0;
                for (Legacy r : rows) {
                    n += seal(h, r);
                }
                return n;
            });
            if (rows.size() < BATCH) {
                return total;
            }
        }
    }

    private List<Legacy> legacy(Handle h) {
        return h.createQuery("SELECT id, appointment_id, action, participant_key, event_key, participant_name, "
                        + "participant_email, host_user_id FROM receiver_attendance WHERE "
                        + "(substr(participant_key, 1, 6) = 'email:' OR substr(participant_key, 1, 5) = 'name:') "
                        + "OR (participant_name IS NOT NULL AND substr(participant_name, 1, 5) <> 'enc1:') "
                        + "OR (participant_email IS NOT NULL AND substr(participant_email, 1, 5) <> 'enc1:') "
                        + "ORDER BY id LIMIT " + BATCH)
                .map((rs, c) -> new Legacy(
                        rs.getLong("id"),
                        rs.getString("appointment_id"),
                        rs.getString("action"),
                        rs.getString("participant_key"),
                        rs.getString("event_key"),
                        rs.getString("participant_name"),
                        rs.getString("participant_email"),
                        rs.getString("host_user_id")))
                .list();
    }

    private int seal(Handle h, Legacy r) {
        boolean clearKey =
                r.participantKey().startsWith("email:") || r.participantKey().startsWith("name:");
        String name = clear(r.name());
        String email = clear(r.email());
        String key = clearKey ? nonNull(keys.keyOf(email, name), r.hostUserId()) : r.participantKey();
        boolean taken = h.createQuery(
                        "SELECT 1 FROM receiver_attendance WHERE appointment_id = :a AND action = :action "
                                + "AND participant_key = :p AND event_key = :e AND id <> :id")
                .bind("a", r.appointmentId())
                .bind("action", r.action())
                .bind("p", key)
                .bind("e", r.eventKey())
                .bind("id", r.id())
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
        if (taken) {
            return h.createUpdate("DELETE FROM receiver_attendance WHERE id = :id")
                    .bind("id", r.id())
                    .execute();
        }
        return h.createUpdate("UPDATE receiver_attendance SET participant_key = :p, participant_name = :name, "
                        + "participant_email = :email WHERE id = :id AND participant_key = :old")
                .bind("p", key)
                .bind(
                        "name",
                        r.name() == null || r.name().startsWith(FieldCipher.PREFIX)
                                ? r.name()
                                : cipher.encrypt(
                                        name,
                                        Attendance.place(
                                                r.appointmentId(), r.action(), key, r.eventKey(), "participant_name")))
                .bind(
                        "email",
                        r.email() == null || r.email().startsWith(FieldCipher.PREFIX)
                                ? r.email()
                                : cipher.encrypt(
                                        email,
                                        Attendance.place(
                                                r.appointmentId(), r.action(), key, r.eventKey(), "participant_email")))
                .bind("id", r.id())
                .bind("old", r.participantKey())
                .execute();
    }

    private static String clear(String v) {
        return v == null || v.startsWith(FieldCipher.PREFIX) ? null : v;
    }

    private static String nonNull(String key, String hostUserId) {
        if (key != null) {
            return key;
        }
        return hostUserId != null ? "host:" + hostUserId : "unknown";
    }

    private record Legacy(
            long id,
            String appointmentId,
            String action,
            String participantKey,
            String eventKey,
            String name,
            String email,
            String hostUserId) {}
}
