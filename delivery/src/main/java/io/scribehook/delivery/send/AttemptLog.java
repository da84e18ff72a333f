package io.scribehook.delivery.send;

import io.scribehook.core.http.ApiException;
import io.scribehook.store.Database;
import io.scribehook.store.RetentionSweep;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the append-only attempt log, and sweeps it: attempts, finished messages and events without
 * messages older than the retention ({@code SCRIBEHOOK_HUB_SENT_RETENTION}), in batches.
 */
public final class AttemptLog {
    /** The largest page of {@link #sent}. */
    public static final int MAX_PAGE = 500;

    private final Database db;

    public AttemptLog(Database db) {
        this.db = db;
    }

    /**
     * What {@link #sent} filters by; null fields do not filter.
     *
     * @param failed true: failed attempts only; false: delivered only
     */
    public record Filter(
            Boolean failed,
            String resourceId,
            String resourceType,
            Long webhookId,
            Instant sentAfter,
            Instant sentBefore) {
        public static Filter all() {
            return new Filter(null, null, null, null, null, null);
        }
    }

    /** The attempts of one message, oldest first. */
    public List<Attempt> forMessage(long messageId) {
        return db.withHandle(h -> h.createQuery(SELECT + " WHERE message_id = ? ORDER BY id")
                .bind(0, messageId)
                .map((rs, ctx) -> read(rs))
                .list());
    }

    /**
     * Attempts matching {@code f}, newest first, at most {@code limit} (1 to {@link #MAX_PAGE}).
     *
     * @throws ApiException 400 naming {@code limit} when out of range
     */
    public List<Attempt> sent(Filter f, int limit) {
        return page(f, limit, null, 0, false).nodes();
    }

    /**
     * One page of {@link #page}: the attempts, the cursor after the last, whether more follow, and
     * the number of all matches.
     */
    public record Page(List<Attempt> nodes, String endCursor, boolean hasNextPage, long totalCount) {
        public Page {
            nodes = List.copyOf(nodes);
        }
    }

    /**
     * Attempts matching {@code f}, newest first: at most {@code limit} (1 to {@link #MAX_PAGE}) older
     * than the cursor {@code after} (a page's end cursor; null: from the newest), skipping {@code
     * offset} more; with the number of all matches (cursor and offset aside).
     *
     * @throws ApiException 400 naming {@code limit}, {@code after} or {@code offset} when invalid
     */
    public Page page(Filter f, int limit, String after, int offset) {
        return page(f, limit, after, offset, true);
    }

    private Page page(Filter f, int limit, String after, int offset, boolean withTotal) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.invalidRequest("limit must be 1 to " + MAX_PAGE + ", not " + limit);
        }
        if (offset < 0) {
            throw ApiException.invalidRequest("offset must be 0 or more, not " + offset);
        }
        Long before;
        try {
            before = after == null || after.isBlank() ? null : Long.parseLong(after.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalidRequest("after is not a cursor of this list");
        }
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.failed() != null) {
            where.append(f.failed() ? " AND outcome <> 'delivered'" : " AND outcome = 'delivered'");
        }
        if (f.resourceId() != null) {
            where.append(" AND resource_id = ?");
            args.add(f.resourceId());
        }
        if (f.resourceType() != null) {
            where.append(" AND resource_type = ?");
            args.add(f.resourceType());
        }
        if (f.webhookId() != null) {
            where.append(" AND webhook_id = ?");
            args.add(f.webhookId());
        }
        if (f.sentAfter() != null) {
            where.append(" AND attempted_at >= ?");
            args.add(f.sentAfter().toEpochMilli());
        }
        if (f.sentBefore() != null) {
            where.append(" AND attempted_at < ?");
            args.add(f.sentBefore().toEpochMilli());
        }
        return db.withHandle(h -> {
            var q = h.createQuery(
                    SELECT + where + (before == null ? "" : " AND id < ?") + " ORDER BY id DESC LIMIT ? OFFSET ?");
            int i = 0;
            for (Object a : args) {
                q.bind(i++, a);
            }
            if (before != null) {
                q.bind(i++, before);
            }
            q.bind(i, limit + 1).bind(i + 1, offset);
            List<Attempt> rows = q.map((rs, ctx) -> read(rs)).list();
            boolean more = rows.size() > limit;
            List<Attempt> nodes = more ? rows.subList(0, limit) : rows;
            long total = -1;
            if (withTotal) {
                var count = h.createQuery("SELECT count(*) FROM delivery_attempts" + where);
                int j = 0;
                for (Object a : args) {
                    count.bind(j++, a);
                }
                total = count.mapTo(long.class).one();
            }
            String end = nodes.isEmpty()
                    ? null
                    : Long.toString(nodes.get(nodes.size() - 1).id());
            return new Page(nodes, end, more, total);
        });
    }

    /** A sweep of attempts, finished messages and emptied events older than {@code retention}. */
    public RetentionSweep retention(Duration retention, Clock clock, int batchSize) {
        return new RetentionSweep("delivery retention", db, retention, clock, batchSize, (h, cutoff, batch) -> {
            long c = cutoff.toEpochMilli();
            int n = h.createUpdate("DELETE FROM delivery_attempts WHERE id IN (SELECT id FROM delivery_attempts"
                            + " WHERE attempted_at < ? ORDER BY attempted_at LIMIT ?)")
                    .bind(0, c)
                    .bind(1, batch)
                    .execute();
            n += h.createUpdate("DELETE FROM delivery_messages WHERE id IN (SELECT id FROM delivery_messages"
                            + " WHERE status IN ('delivered', 'failed', 'skipped') AND created_at < ? LIMIT ?)")
                    .bind(0, c)
                    .bind(1, batch)
                    .execute();
            n += h.createUpdate("DELETE FROM delivery_events WHERE id IN (SELECT e.id FROM delivery_events e"
                            + " WHERE e.created_at < ? AND NOT EXISTS (SELECT 1 FROM delivery_messages m"
                            + " WHERE m.event_id = e.id) LIMIT ?)")
                    .bind(0, c)
                    .bind(1, batch)
                    .execute();
            return Math.min(n, batch);
        });
    }

    private static final String SELECT = "SELECT id, message_id, webhook_id, event_id, event_type, resource_id,"
            + " resource_type, url, attempt, attempted_at, duration_ms, http_status, outcome, error_class,"
            + " response_body FROM delivery_attempts";

    private static Attempt read(ResultSet rs) throws SQLException {
        int status = rs.getInt(12);
        Integer httpStatus = rs.wasNull() ? null : status;
        return new Attempt(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getInt(9),
                Instant.ofEpochMilli(rs.getLong(10)),
                Duration.ofMillis(rs.getLong(11)),
                httpStatus,
                rs.getString(13),
                rs.getString(14),
                rs.getString(15));
    }
}
