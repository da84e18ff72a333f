package io.scribehook.receiver.inbox;

import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.JobRequest;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** At most one pending refresh job per appointment: a second request while one waits is folded in. */
public final class RefreshRequests {
    private RefreshRequests() {
    }

    /**
     * Schedules a refresh unless one is pending; returns whether a job was enqueued. The pending row
     * is claimed first with ON CONFLICT DO NOTHING, so concurrent writers (PostgreSQL) never fail on
     * it and only the one that claimed it enqueues.
     */
    public static boolean request(Handle h, JobQueue queue, String appointmentId, Instant now) {
        int claimed = h.createUpdate("INSERT INTO receiver_refresh_pending (appointment_id, requested_at) VALUES (:a, :t) "
                        + "ON CONFLICT (appointment_id) DO NOTHING")
                .bind("a", appointmentId).bind("t", now.toEpochMilli()).execute();
        if (claimed == 0) {
            return false;
        }
        queue.enqueue(h, JobRequest.of(Jobs.QUEUE, Jobs.REFRESH_APPOINTMENT, appointmentId));
        return true;
    }

    /** Called when the refresh starts, so requests arriving during it schedule another. */
    public static void started(Handle h, String appointmentId) {
        h.createUpdate("DELETE FROM receiver_refresh_pending WHERE appointment_id = :a").bind("a", appointmentId).execute();
    }
}
