package io.scribehook.receiver.process;

import io.scribehook.receiver.healthie.AppointmentSnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The last fetched state of each appointment ({@code receiver_appointments}). */
public final class AppointmentSnapshots {
    private AppointmentSnapshots() {}

    /** Stores a fetched snapshot, or that the API had no such appointment ({@code snapshot} null). */
    public static void store(Handle h, String appointmentId, AppointmentSnapshot snapshot, Instant now) {
        h.createUpdate("INSERT INTO receiver_appointments (appointment_id, snapshot, found, deleted, fetched_at) "
                        + "VALUES (:a, :s, :found, :deleted, :now) ON CONFLICT (appointment_id) DO UPDATE SET "
                        + "snapshot = COALESCE(excluded.snapshot, receiver_appointments.snapshot), found = excluded.found, "
                        + "fetched_at = excluded.fetched_at")
                .bind("a", appointmentId)
                .bind("s", snapshot == null ? null : snapshot.rawJson())
                .bind("found", snapshot != null)
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
