package io.scribehook.hub.zoom;

import io.scribehook.store.Database;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.JobRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Received Zoom events ({@code hub_zoom_events}) and their processing jobs: {@link #accept} stores
 * an event and queues its job in one transaction, so an acknowledged event is never lost. A body
 * seen before (Zoom redelivers the same bytes) is recognised by its SHA-256 and queued no twice.
 */
public final class ZoomInbox {
    /** The hub's queue. */
    public static final String QUEUE = "hub";
    /** Job kind: process one stored Zoom event; payload = its id. */
    public static final String PROCESS = "zoom-event";

    /** States of a stored event. */
    public static final String QUEUED = "queued";

    public static final String PROCESSED = "processed";
    public static final String UNMATCHED = "unmatched";
    public static final String IGNORED = "ignored";
    public static final String FAILED = "failed";

    private final Database db;
    private final JobQueue queue;
    private final Clock clock;

    public ZoomInbox(Database db, JobQueue queue, Clock clock) {
        this.db = db;
        this.queue = queue;
        this.clock = clock;
    }

    /** A stored event: its id, and whether this call stored it (false: the same body came before). */
    public record Accepted(long id, boolean fresh) {}

    /** A stored event as the processor reads it. */
    public record StoredEvent(long id, String event, String meetingId, byte[] body, String status) {}

    /** Stores the event and queues its processing, committed before it returns. */
    public Accepted accept(String event, String meetingId, byte[] body) {
        String sha = sha256(body);
        long now = clock.millis();
        return db.writer().write(h -> {
            Optional<Long> seen = h.createQuery("SELECT id FROM hub_zoom_events WHERE body_sha256 = :s")
                    .bind("s", sha)
                    .mapTo(Long.class)
                    .findOne();
            if (seen.isPresent()) {
                return new Accepted(seen.get(), false);
            }
            long id = h.createQuery("INSERT INTO hub_zoom_events (received_at, event, meeting_id, body_sha256, body, "
                            + "status) VALUES (:t, :e, :m, :s, :b, :st) RETURNING id")
                    .bind("t", now)
                    .bind("e", event)
                    .bind("m", meetingId)
                    .bind("s", sha)
                    .bind("b", body)
                    .bind("st", QUEUED)
                    .mapTo(Long.class)
                    .one();
            queue.enqueue(h, JobRequest.of(QUEUE, PROCESS, Long.toString(id)));
            return new Accepted(id, true);
        });
    }

    public static Optional<StoredEvent> find(Handle h, long id) {
        return h.createQuery("SELECT id, event, meeting_id, body, status FROM hub_zoom_events WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new StoredEvent(
                        rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getString(5)))
                .findOne();
    }

    /** Records how an event ended and, when it belonged to one, its appointment. */
    public static void mark(Handle h, long id, String status, Long appointmentId, long now) {
        h.createUpdate("UPDATE hub_zoom_events SET status = :s, appointment_id = :a, processed_at = :t WHERE id = :id")
                .bind("s", status)
                .bind("a", appointmentId)
                .bind("t", now)
                .bind("id", id)
                .execute();
    }

    /** The status of a stored event (for tests and the admin view). */
    public Optional<String> status(long id) {
        return db.withHandle(h -> find(h, id).map(StoredEvent::status));
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
