package io.scribehook.receiver.scribe;

import io.scribehook.store.Notifications;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The database-ordered search index log ({@code scribe_index_log}): which appointments' searchable
 * text changed, numbered in commit order (see the migration's comment). Appended in the transaction
 * that stores a note version, which also publishes on {@link #CHANNEL} so other instances' indexers
 * wake at the commit; each instance's {@link SearchIndexer} applies the entries after its checkpoint.
 */
final class IndexLog {
    /** The notification channel; the payload is the entry's number. */
    static final String CHANNEL = "scribehook_index";

    /** One entry. */
    record Entry(long seq, String appointmentId) {}

    private IndexLog() {}

    /** Appends an entry for the appointment; returns its number. Call inside the storing transaction. */
    static long append(Handle h, Notifications notifications, String appointmentId, Instant now) {
        long seq = h.createQuery("UPDATE scribe_index_counter SET seq = seq + 1 WHERE id = 1 RETURNING seq")
                .mapTo(Long.class)
                .one();
        h.createUpdate("INSERT INTO scribe_index_log (seq, appointment_id, logged_at) VALUES (:s, :a, :now)")
                .bind("s", seq)
                .bind("a", appointmentId)
                .bind("now", now.toEpochMilli())
                .execute();
        notifications.publish(h, CHANNEL, Long.toString(seq));
        return seq;
    }

    /** Entries after {@code seq}, oldest first, at most {@code limit}. */
    static List<Entry> after(Handle h, long seq, int limit) {
        return h.createQuery(
                        "SELECT seq, appointment_id FROM scribe_index_log WHERE seq > :s ORDER BY seq LIMIT " + limit)
                .bind("s", seq)
                .map((rs, c) -> new Entry(rs.getLong("seq"), rs.getString("appointment_id")))
                .list();
    }

    /** The number of the last entry committed (0 when none). */
    static long last(Handle h) {
        return h.createQuery("SELECT seq FROM scribe_index_counter WHERE id = 1")
                .mapTo(Long.class)
                .one();
    }
}
