package io.scribehook.hub.appointments;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** SQL of {@code hub_attendance}: who joined or left an appointment's meeting, once per event. */
public final class Attendance {
    public static final String JOINED = "joined";
    public static final String LEFT = "left";

    private Attendance() {}

    /**
     * Records one join or leave; false when the same participant's same action at the same instant
     * was already recorded (a redelivered Zoom event).
     */
    public static boolean record(
            Handle h,
            long appointmentId,
            String action,
            String participantKey,
            String userName,
            String userEmail,
            Instant eventAt,
            Instant now) {
        return h.createUpdate("INSERT INTO hub_attendance (appointment_id, action, participant_key, user_name, "
                                + "user_email, event_at, recorded_at) VALUES (:a, :act, :k, :n, :e, :at, :now) "
                                + "ON CONFLICT (appointment_id, action, participant_key, event_at) DO NOTHING")
                        .bind("a", appointmentId)
                        .bind("act", action)
                        .bind("k", participantKey)
                        .bind("n", userName)
                        .bind("e", userEmail)
                        .bind("at", eventAt.toEpochMilli())
                        .bind("now", now.toEpochMilli())
                        .execute()
                > 0;
    }

    /** Rows recorded for an appointment (for tests and the admin view). */
    public static int count(Handle h, long appointmentId, String action) {
        return h.createQuery("SELECT count(*) FROM hub_attendance WHERE appointment_id = :a AND action = :act")
                .bind("a", appointmentId)
                .bind("act", action)
                .mapTo(Integer.class)
                .one();
    }
}
