package io.scribehook.receiver.reconcile;

import io.scribehook.scribe.source.TranscriptInfo;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** What reconcile reads of the receiver's own tables: the webhook log and the scribe state. */
final class LocalState {
    private LocalState() {}

    /** Whether a webhook for this resource and event type was received (anything but rejected) since {@code from}. */
    static boolean received(Handle h, String resourceId, String eventType, Instant from) {
        return h.createQuery("SELECT 1 FROM receiver_webhooks WHERE resource_id = :r AND received_at >= :from "
                        + "AND event_type = :e AND status <> 'rejected'")
                .bind("r", resourceId)
                .bind("from", from.toEpochMilli())
                .bind("e", eventType)
                .mapTo(Integer.class)
                .findFirst()
                .isPresent();
    }

    /**
     * A refused request received within [from, to] answered with {@code httpStatus}: its id and the
     * reason it was refused. Refused requests carry no resource id (an unverified body is not read),
     * so time and status are all there is to match on.
     */
    static Optional<String> rejected(Handle h, int httpStatus, Instant from, Instant to) {
        return h.createQuery(
                        "SELECT id, reason FROM receiver_webhooks WHERE received_at >= :from AND received_at <= :to "
                                + "AND status = 'rejected' AND http_status = :s ORDER BY received_at LIMIT 1")
                .bind("from", from.toEpochMilli())
                .bind("to", to.toEpochMilli())
                .bind("s", httpStatus)
                .map((rs, ctx) -> "webhook log " + rs.getLong("id") + ": " + rs.getString("reason"))
                .findFirst();
    }

    /** The appointment's scribe state ({@code waiting}, {@code drafted}, ...), if it has one. */
    static Optional<String> scribeState(Handle h, String appointmentId) {
        return h.createQuery("SELECT state FROM scribe_appointments WHERE appointment_id = :a")
                .bind("a", appointmentId)
                .mapTo(String.class)
                .findOne();
    }

    /** Whether the appointment was fetched again at or after {@code since} (a refresh ran). */
    static boolean refreshedSince(Handle h, String appointmentId, Instant since) {
        return h.createQuery("SELECT 1 FROM receiver_appointments WHERE appointment_id = :a AND fetched_at >= :t")
                .bind("a", appointmentId)
                .bind("t", since.toEpochMilli())
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
    }

    /** The best rank among the appointment's completed transcripts as last fetched; -1 when none. */
    static int bestCompletedRank(Handle h, String appointmentId) {
        return h
                .createQuery("SELECT transcript_type FROM receiver_transcripts WHERE appointment_id = :a "
                        + "AND status = 'completed'")
                .bind("a", appointmentId)
                .mapTo(String.class)
                .list()
                .stream()
                .mapToInt(type -> new TranscriptInfo("", type, null, null).rank())
                .max()
                .orElse(-1);
    }
}
