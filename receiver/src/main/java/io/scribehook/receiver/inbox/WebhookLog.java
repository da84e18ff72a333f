package io.scribehook.receiver.inbox;

import io.scribehook.store.BulkInsert;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** Queries on the webhook log ({@code receiver_webhooks}). Every method runs on the caller's handle. */
public final class WebhookLog {
    private static final String COLUMNS =
            "id, received_at, updated_at, status, reason, event_type, resource_id, resource_type, "
                    + "body_shape, profile, key_id, source_ip, http_status, body_sha256, duplicate_of, attempts, processed_at, delivery_id";

    private WebhookLog() {}

    private static final String INSERT_COLUMNS =
            "INSERT INTO receiver_webhooks (received_at, updated_at, status, reason, "
                    + "event_type, resource_id, resource_type, body_shape, profile, key_id, source_ip, http_status, body_sha256, "
                    + "dedupe_key, duplicate_of, body, delivery_id) VALUES ";
    private static final String INSERT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int INSERT_CHUNK = 500;

    public static long insert(Handle h, NewWebhook w) {
        return insertAll(h, List.of(w)).get(0);
    }

    /**
     * Inserts the rows with one multi-row statement per 500 ({@link BulkInsert}: plain JDBC, this is
     * the inbox's hot path); returns their ids in the order given.
     */
    public static List<Long> insertAll(Handle h, List<NewWebhook> rows) {
        List<Long> ids = new ArrayList<>(rows.size());
        for (int from = 0; from < rows.size(); from += INSERT_CHUNK) {
            List<NewWebhook> chunk = rows.subList(from, Math.min(rows.size(), from + INSERT_CHUNK));
            StringBuilder sql = new StringBuilder(
                            INSERT_COLUMNS.length() + chunk.size() * (INSERT_ROW.length() + 2) + 16)
                    .append(INSERT_COLUMNS);
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(INSERT_ROW);
            }
            ids.addAll(BulkInsert.ids(h, sql.append(" RETURNING id").toString(), ps -> {
                int i = 1;
                for (NewWebhook w : chunk) {
                    long at = w.receivedAt().toEpochMilli();
                    ps.setLong(i++, at);
                    ps.setLong(i++, at);
                    ps.setString(i++, w.status().id());
                    BulkInsert.setString(ps, i++, w.reason());
                    BulkInsert.setString(ps, i++, w.eventType());
                    BulkInsert.setString(ps, i++, w.resourceId());
                    BulkInsert.setString(ps, i++, w.resourceType());
                    BulkInsert.setString(ps, i++, w.bodyShape());
                    BulkInsert.setString(ps, i++, w.profile());
                    BulkInsert.setString(ps, i++, w.keyId());
                    BulkInsert.setString(ps, i++, w.sourceIp());
                    ps.setInt(i++, w.httpStatus());
                    BulkInsert.setString(ps, i++, w.bodySha256());
                    BulkInsert.setString(ps, i++, w.dedupeKey());
                    BulkInsert.setLong(ps, i++, w.duplicateOf());
                    ps.setBytes(i++, w.body());
                    BulkInsert.setString(ps, i++, w.deliveryId());
                }
            }));
        }
        return ids;
    }

    /**
     * For each (resource id, dedupe key), the first stored (not rejected, not duplicate) webhook
     * received at or after {@code since}: one query for a whole batch, through the resource index.
     */
    public static Map<String, Long> firstWithDedupeKeys(Handle h, Collection<NewWebhook> candidates, Instant since) {
        List<NewWebhook> all = List.copyOf(candidates);
        Map<String, Long> out = new HashMap<>();
        for (int from = 0; from < all.size(); from += INSERT_CHUNK) { // bounded parameter count
            Set<String> resources = new LinkedHashSet<>();
            Set<String> keys = new LinkedHashSet<>();
            for (NewWebhook w : all.subList(from, Math.min(all.size(), from + INSERT_CHUNK))) {
                if (w.dedupeKey() != null) {
                    resources.add(w.resourceId());
                    keys.add(w.dedupeKey());
                }
            }
            if (keys.isEmpty()) {
                continue;
            }
            h.createQuery("SELECT dedupe_key, min(id) FROM receiver_webhooks WHERE resource_id IN (<resources>) "
                            + "AND received_at >= :since AND dedupe_key IN (<keys>) AND status <> 'duplicate' "
                            + "AND status <> 'rejected' GROUP BY dedupe_key")
                    .bindList("resources", List.copyOf(resources))
                    .bindList("keys", List.copyOf(keys))
                    .bind("since", since.toEpochMilli())
                    .map((rs, ctx) -> out.merge(rs.getString(1), rs.getLong(2), Math::min))
                    .list();
        }
        return out;
    }

    /** Whether any webhook in the log names {@code resourceId} as its resource (through the resource index). */
    public static boolean anyForResource(Handle h, String resourceId) {
        return h.createQuery("SELECT 1 FROM receiver_webhooks WHERE resource_id = :r LIMIT 1")
                .bind("r", resourceId)
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
    }

    public static Optional<WebhookEntry> find(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM receiver_webhooks WHERE id = :id")
                .bind("id", id)
                .map(WebhookLog::entry)
                .findOne();
    }

    /** The entry with its stored body; empty when the id is unknown or no body was kept (rejected). */
    public static Optional<Stored> findWithBody(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + ", body FROM receiver_webhooks WHERE id = :id AND body IS NOT NULL")
                .bind("id", id)
                .map((rs, ctx) -> new Stored(entry(rs, ctx), rs.getBytes("body")))
                .findOne();
    }

    /** A log entry and the raw body it arrived with. */
    public record Stored(WebhookEntry entry, byte[] body) {}

    /** Records a processing attempt's end: status, reason (no PHI) and the attempt count. */
    public static void mark(Handle h, long id, WebhookStatus status, String reason, int attempts, Instant now) {
        h.createUpdate("UPDATE receiver_webhooks SET status = :s, reason = :r, attempts = :a, updated_at = :now, "
                        + "processed_at = CASE WHEN :s = 'processed' THEN :now ELSE processed_at END WHERE id = :id")
                .bind("s", status.id())
                .bind("r", reason)
                .bind("a", attempts)
                .bind("now", now.toEpochMilli())
                .bind("id", id)
                .execute();
    }

    /** Newest first, keyset-paginated by id. */
    public static List<WebhookEntry> list(Handle h, WebhookFilter f) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM receiver_webhooks WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.eventType() != null) {
            sql.append(" AND event_type = ?");
            args.add(f.eventType());
        }
        if (f.status() != null) {
            sql.append(" AND status = ?");
            args.add(f.status().id());
        }
        if (f.resourceId() != null) {
            sql.append(" AND resource_id = ?");
            args.add(f.resourceId());
        }
        if (f.since() != null) {
            sql.append(" AND received_at >= ?");
            args.add(f.since().toEpochMilli());
        }
        if (f.until() != null) {
            sql.append(" AND received_at < ?");
            args.add(f.until().toEpochMilli());
        }
        if (f.beforeId() != null) {
            sql.append(" AND id < ?");
            args.add(f.beforeId());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(f.limit());
        Query q = h.createQuery(sql.toString());
        for (int i = 0; i < args.size(); i++) {
            q.bind(i, args.get(i));
        }
        return q.map(WebhookLog::entry).list();
    }

    /** Ids of webhooks whose processing failed or died, received since {@code since}, oldest first (replay). */
    public static List<Long> failedIds(Handle h, Instant since, int limit) {
        return h.createQuery(
                        "SELECT id FROM receiver_webhooks WHERE status IN ('failed', 'dead') AND received_at >= :since "
                                + "ORDER BY received_at, id LIMIT :limit")
                .bind("since", since.toEpochMilli())
                .bind("limit", limit)
                .mapTo(Long.class)
                .list();
    }

    /**
     * For each event type in the log, when the newest webhook of that type that was not refused
     * (rejected) arrived; event types in name order.
     */
    public static Map<String, Instant> lastReceivedByEventType(Handle h) {
        Map<String, Instant> out = new java.util.TreeMap<>();
        h.createQuery("SELECT event_type, max(received_at) FROM receiver_webhooks WHERE status <> 'rejected' "
                        + "AND event_type IS NOT NULL GROUP BY event_type")
                .map((rs, ctx) -> out.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))))
                .list();
        return out;
    }

    /** Deletes at most {@code batch} rows received before {@code cutoff}; returns how many. */
    public static int deleteReceivedBefore(Handle h, Instant cutoff, int batch) {
        return h.createUpdate("DELETE FROM receiver_webhooks WHERE id IN "
                        + "(SELECT id FROM receiver_webhooks WHERE received_at < :cutoff ORDER BY id LIMIT :batch)")
                .bind("cutoff", cutoff.toEpochMilli())
                .bind("batch", batch)
                .execute();
    }

    private static WebhookEntry entry(ResultSet rs, StatementContext ctx) throws SQLException {
        return new WebhookEntry(
                rs.getLong("id"),
                instant(rs, "received_at"),
                instant(rs, "updated_at"),
                WebhookStatus.byId(rs.getString("status")).orElse(WebhookStatus.FAILED),
                rs.getString("reason"),
                rs.getString("event_type"),
                rs.getString("resource_id"),
                rs.getString("resource_type"),
                rs.getString("body_shape"),
                rs.getString("profile"),
                rs.getString("key_id"),
                rs.getString("source_ip"),
                rs.getInt("http_status"),
                rs.getString("body_sha256"),
                nullableLong(rs, "duplicate_of"),
                rs.getInt("attempts"),
                instant(rs, "processed_at"),
                rs.getString("delivery_id"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
