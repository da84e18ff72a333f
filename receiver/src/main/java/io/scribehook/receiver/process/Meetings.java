package io.scribehook.receiver.process;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * When each appointment's meeting started ({@code receiver_meetings}): one row per appointment,
 * written with its first recorded join. The primary key makes "first" hold across concurrent
 * transactions and instances: only the transaction whose insert lands announces the start.
 */
public final class Meetings {
    private Meetings() {}

    /**
     * Records that the appointment's meeting started; true only for the first call per appointment.
     *
     * @param startedAt the join's own time ({@code event_ts}); may be null
     */
    public static boolean recordStart(Handle h, String appointmentId, Instant startedAt, long webhookId, Instant now) {
        return h.createUpdate("INSERT INTO receiver_meetings (appointment_id, started_at, webhook_id, recorded_at) "
                                + "VALUES (:a, :at, :w, :now) ON CONFLICT (appointment_id) DO NOTHING")
                        .bind("a", appointmentId)
                        .bind("at", startedAt == null ? null : startedAt.toEpochMilli())
                        .bind("w", webhookId)
                        .bind("now", now.toEpochMilli())
                        .execute()
                == 1;
    }
}
