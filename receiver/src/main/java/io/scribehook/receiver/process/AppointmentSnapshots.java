package io.scribehook.receiver.process;

import io.scribehook.core.crypto.FieldCipher;
import io.scribehook.receiver.healthie.AppointmentSnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The last fetched state of each appointment ({@code receiver_appointments}). The snapshot JSON names
 * people: it is stored only encrypted ({@link #seal}).
 */
public final class AppointmentSnapshots {
    private AppointmentSnapshots() {}

    /** The table, for the associated data of the encrypted snapshot. */
    public static final String TABLE = "receiver_appointments";

    /** Where an appointment's encrypted snapshot lives. */
    public static FieldCipher.Place place(String appointmentId) {
        return new FieldCipher.Place(TABLE, appointmentId, "snapshot");
    }

    /**
     * The snapshot's JSON (it names patient and provider) encrypted for storage, or null: without a
     * cipher the snapshot is not kept, only that the appointment was found.
     */
    public static String seal(Optional<FieldCipher> cipher, String appointmentId, AppointmentSnapshot snapshot) {
        if (snapshot == null || cipher.isEmpty()) {
            return null;
        }
        return cipher.get().encrypt(snapshot.rawJson(), place(appointmentId));
    }

    /**
     * Stores that the appointment was fetched: {@code found}, with its {@link #seal sealed} snapshot
     * (null keeps the one stored before), or that the API had no such appointment.
     */
    public static void store(Handle h, String appointmentId, boolean found, String sealedSnapshot, Instant now) {
        h.createUpdate("INSERT INTO receiver_appointments (appointment_id, snapshot, found, deleted, fetched_at) "
                        + "VALUES (:a, :s, :found, :deleted, :now) ON CONFLICT (appointment_id) DO UPDATE SET "
                        + "snapshot = COALESCE(excluded.snapshot, receiver_appointments.snapshot), found = excluded.found, "
                        + "fetched_at = excluded.fetched_at")
                .bind("a", appointmentId)
                .bind("s", sealedSnapshot)
                .bind("found", found)
                .bind("deleted", false)
                .bind("now", now.toEpochMilli())
                .execute();
    }

    public static void markDeleted(Handle h, String appointmentId, Instant now) {
        h.createUpdate(
                        "INSERT INTO receiver_appointments (appointment_id, snapshot, found, deleted, fetched_at) "
                                + "VALUES (:a, NULL, :found, :deleted, :now) ON CONFLICT (appointment_id) DO UPDATE SET deleted = excluded.deleted")
                .bind("a", appointmentId)
                .bind("found", false)
                .bind("deleted", true)
                .bind("now", now.toEpochMilli())
                .execute();
    }

    /** What is known of the appointment's snapshot (ids and times only), or empty. */
    public static Optional<Map<String, Object>> state(Handle h, String appointmentId) {
        return h.createQuery("SELECT found, deleted, fetched_at FROM receiver_appointments WHERE appointment_id = :a")
                .bind("a", appointmentId)
                .map((rs, c) -> Map.<String, Object>of(
                        "found",
                        rs.getBoolean("found"),
                        "deleted",
                        rs.getBoolean("deleted"),
                        "fetched_at",
                        Instant.ofEpochMilli(rs.getLong("fetched_at")).toString()))
                .findOne();
    }
}
