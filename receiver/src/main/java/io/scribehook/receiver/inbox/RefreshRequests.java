package io.scribehook.receiver.inbox;

import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.JobRequest;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** At most one pending refresh job per appointment: a second request while one waits is folded in. */
public final class RefreshRequests {
    private RefreshRequests() {
    }

    /** Schedules a refresh unless one is pending; returns whether a job was enqueued. */
    public static boolean request(Handle h, JobQueue queue, String appointmentId, Instant now) {
        boolean pending = h.createQuery("SELECT 1 FROM receiver_refresh_pending WHERE appointment_id = :a")
                .bind("a", appointmentId).mapTo(Integer.class).findOne().isPresent();
        if (pending) {
            return false;
        }
        long job = queue.enqueue(h, JobRequest.of(Jobs.QUEUE, Jobs.REFRESH_APPOINTMENT, appointmentId));
        h.createUpdate("INSERT INTO receiver_refresh_pending (appointment_id, job_id, requested_at) VALUES (:a, :j, :t)")
                .bind("a", appointmentId).bind("j", job).bind("t", now.toEpochMilli()).execute();
        return true;
    }

    /** Called when the refresh starts, so requests arriving during it schedule another. */
    public static void started(Handle h, String appointmentId) {
        h.createUpdate("DELETE FROM receiver_refresh_pending WHERE appointment_id = :a").bind("a", appointmentId).execute();
    }
}
