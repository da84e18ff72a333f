package io.scribehook.delivery;

import io.scribehook.store.Database;
import io.scribehook.store.queue.JobRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Sends finished messages again ({@code scribehook hub redeliver}): every message of one event, or
 * every failed message created in a time range. A message is queued again only when it is not
 * pending already, with the same message id, so the same {@code Webhook-Id}; its webhook must
 * still be enabled (else it is skipped when its job runs). One transaction per call.
 */
public final class Redelivery {
    private static final int MAX_RANGE = 10_000;

    private final Database db;
    private final Outbox outbox;
    private final io.scribehook.store.queue.JobQueue queue;
    private final Clock clock;

    Redelivery(io.scribehook.store.queue.JobQueue queue, Outbox outbox, Clock clock) {
        this.db = queue.database();
        this.queue = queue;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Queues every finished message of {@code eventId} again; returns the message ids queued. */
    public List<Long> event(long eventId) {
        return db.writer()
                .write(h -> requeue(
                        h,
                        h.createQuery(
                                        "SELECT m.id, w.should_retry FROM delivery_messages m LEFT JOIN delivery_webhooks w"
                                                + " ON w.id = m.webhook_id WHERE m.event_id = ? AND m.status <> 'pending' ORDER BY m.id")
                                .bind(0, eventId)
                                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getBoolean(2)))
                                .list()));
    }

    /**
     * Queues every failed message created in {@code [from, to)} again, up to 10,000 per call;
     * returns the message ids queued.
     */
    public List<Long> failed(Instant from, Instant to) {
        return db.writer()
                .write(h -> requeue(
                        h,
                        h.createQuery(
                                        "SELECT m.id, w.should_retry FROM delivery_messages m LEFT JOIN delivery_webhooks w"
                                                + " ON w.id = m.webhook_id WHERE m.status = 'failed' AND m.created_at >= ?"
                                                + " AND m.created_at < ? ORDER BY m.id LIMIT ?")
                                .bind(0, from.toEpochMilli())
                                .bind(1, to.toEpochMilli())
                                .bind(2, MAX_RANGE)
                                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getBoolean(2)))
                                .list()));
    }

    private List<Long> requeue(Handle h, List<Row> rows) {
        List<Long> ids = new ArrayList<>();
        List<JobRequest> jobs = new ArrayList<>();
        for (Row r : rows) {
            int n = h.createUpdate("UPDATE delivery_messages SET status = 'pending', updated_at = ?"
                            + " WHERE id = ? AND status <> 'pending'")
                    .bind(0, clock.millis())
                    .bind(1, r.id)
                    .execute();
            if (n == 1) {
                ids.add(r.id);
                jobs.add(outbox.job(r.id, r.shouldRetry));
            }
        }
        queue.enqueueAll(h, jobs);
        return ids;
    }

    private record Row(long id, boolean shouldRetry) {}
}
