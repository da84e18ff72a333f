package io.scribehook.delivery.registry;

import io.scribehook.core.event.BodyShape;
import io.scribehook.core.http.ApiException;
import io.scribehook.signatures.Profile;
import io.scribehook.signatures.WebhookSecret;
import io.scribehook.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The registered webhooks: create, update, delete, read, page, and rotate ("expire") the signing
 * secret. Changes answer a {@link RegistryResult}: the stored webhook, the field errors (nothing
 * stored), or not found; the hub serves them as GraphQL {@code webhook} and {@code messages}.
 * Every write is one transaction through the database's writer. Thread-safe.
 *
 * <p>The methods taking a {@link Handle} run in the caller's transaction; the delivery worker uses
 * them to record a webhook's health together with the attempt.
 */
public final class WebhookRegistry {
    /** The longest rotation overlap accepted. */
    public static final Duration MAX_OVERLAP = Duration.ofDays(30);
    /** The largest page. */
    public static final int MAX_PAGE = 100;

    private static final String COLUMNS = "id, url, enabled, should_retry, profile, body_shape, secret, secret_key_id,"
            + " previous_secret, previous_key_id, previous_until, warned_at, failing_since, disabled_reason,"
            + " created_at, updated_at";

    private final Database db;
    private final Clock clock;

    public WebhookRegistry(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Registers a webhook with a new secret; {@code url} and {@code webhook_events} are required. */
    public RegistryResult create(WebhookInput in) {
        WebhookValidation v = new WebhookValidation();
        String url = v.url(in.url(), true);
        List<String> types = v.eventTypes(in.eventTypes(), true);
        Profile profile = v.profile(in.profile()).orElse(Profile.GUIDE);
        BodyShape shape = v.shape(in.shape()).orElse(BodyShape.REFERENCE);
        if (!v.errors().isEmpty()) {
            return new RegistryResult.Invalid(v.errors());
        }
        WebhookSecret secret = SecretGenerator.next();
        long now = clock.millis();
        long id = db.writer().write(h -> {
            long newId = h.createQuery(
                            "INSERT INTO delivery_webhooks (url, enabled, should_retry, profile, body_shape,"
                                    + " secret, secret_key_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
                    .bind(0, url)
                    .bind(1, in.enabled() == null || in.enabled())
                    .bind(2, in.shouldRetry() == null || in.shouldRetry())
                    .bind(3, profile.id())
                    .bind(4, shape.configName())
                    .bind(5, secret.value())
                    .bind(6, secret.keyId())
                    .bind(7, now)
                    .bind(8, now)
                    .mapTo(long.class)
                    .one();
            insertTypes(h, newId, types);
            return newId;
        });
        return new RegistryResult.Saved(get(id).orElseThrow());
    }

    /**
     * Changes the fields set in {@code in}; the others stay. Enabling a webhook clears its failure
     * streak, warning and disable reason.
     */
    public RegistryResult update(long id, WebhookInput in) {
        WebhookValidation v = new WebhookValidation();
        String url = v.url(in.url(), false);
        List<String> types = v.eventTypes(in.eventTypes(), false);
        Optional<Profile> profile = v.profile(in.profile());
        Optional<BodyShape> shape = v.shape(in.shape());
        if (!v.errors().isEmpty()) {
            return new RegistryResult.Invalid(v.errors());
        }
        long now = clock.millis();
        boolean found = db.writer().write(h -> {
            Optional<Webhook> current = get(h, id);
            if (current.isEmpty()) {
                return false;
            }
            Webhook w = current.get();
            boolean enable = Boolean.TRUE.equals(in.enabled()) && !w.enabled();
            h.createUpdate("UPDATE delivery_webhooks SET url = ?, enabled = ?, should_retry = ?, profile = ?,"
                            + " body_shape = ?, updated_at = ?"
                            + (enable ? ", failing_since = NULL, warned_at = NULL, disabled_reason = NULL" : "")
                            + " WHERE id = ?")
                    .bind(0, url != null ? url : w.url())
                    .bind(1, in.enabled() != null ? in.enabled() : w.enabled())
                    .bind(2, in.shouldRetry() != null ? in.shouldRetry() : w.shouldRetry())
                    .bind(3, profile.orElse(w.profile()).id())
                    .bind(4, shape.orElse(w.shape()).configName())
                    .bind(5, now)
                    .bind(6, id)
                    .execute();
            if (types != null) {
                // subscriptions kept keep their ids (the API's WebhookEvent.id)
                List<String> had = typesOf(h, List.of(id)).getOrDefault(id, List.of());
                for (String gone : had) {
                    if (!types.contains(gone)) {
                        h.createUpdate("DELETE FROM delivery_webhook_events WHERE webhook_id = ? AND event_type = ?")
                                .bind(0, id)
                                .bind(1, gone)
                                .execute();
                    }
                }
                insertTypes(h, id, types.stream().filter(t -> !had.contains(t)).toList());
            }
            return true;
        });
        return found ? new RegistryResult.Saved(get(id).orElseThrow()) : new RegistryResult.NotFound(id);
    }

    /** Deletes a webhook and its subscriptions; its pending messages are skipped. False when absent. */
    public boolean delete(long id) {
        return db.writer().write(h -> {
            h.createUpdate("DELETE FROM delivery_webhook_events WHERE webhook_id = ?")
                    .bind(0, id)
                    .execute();
            return h.createUpdate("DELETE FROM delivery_webhooks WHERE id = ?")
                            .bind(0, id)
                            .execute()
                    == 1;
        });
    }

    /**
     * Replaces the signing secret with a new one. With a positive {@code overlap} the old secret
     * stays valid until now + overlap (see {@link Webhook#signingSecrets}); with none (null or zero)
     * it is dropped at once. Field {@code overlap} must be 0 to 30 days.
     */
    public RegistryResult expireSignature(long id, Duration overlap) {
        Duration o = overlap == null ? Duration.ZERO : overlap;
        if (o.isNegative() || o.compareTo(MAX_OVERLAP) > 0) {
            return new RegistryResult.Invalid(
                    List.of(new FieldError("overlap", "overlap must be 0 (expire at once) up to 30 days")));
        }
        WebhookSecret next = SecretGenerator.next();
        long now = clock.millis();
        boolean found = db.writer().write(h -> {
            Optional<Webhook> current = get(h, id);
            if (current.isEmpty()) {
                return false;
            }
            WebhookSecret old = current.get().secret();
            boolean keep = !o.isZero();
            h.createUpdate("UPDATE delivery_webhooks SET secret = ?, secret_key_id = ?, previous_secret = ?,"
                            + " previous_key_id = ?, previous_until = ?, updated_at = ? WHERE id = ?")
                    .bind(0, next.value())
                    .bind(1, next.keyId())
                    .bind(2, keep ? old.value() : null)
                    .bind(3, keep ? old.keyId() : null)
                    .bind(4, keep ? (Long) (now + o.toMillis()) : null)
                    .bind(5, now)
                    .bind(6, id)
                    .execute();
            return true;
        });
        return found ? new RegistryResult.Saved(get(id).orElseThrow()) : new RegistryResult.NotFound(id);
    }

    public Optional<Webhook> get(long id) {
        return db.withHandle(h -> get(h, id));
    }

    /** {@link #get(long)} in the caller's transaction. */
    public Optional<Webhook> get(Handle h, long id) {
        Optional<Row> row = h.createQuery("SELECT " + COLUMNS + " FROM delivery_webhooks WHERE id = ?")
                .bind(0, id)
                .map((rs, ctx) -> Row.read(rs))
                .findOne();
        return row.map(r -> r.toWebhook(typesOf(h, List.of(r.id)).getOrDefault(r.id, List.of())));
    }

    /**
     * The webhook without its event types (an empty list): one query, for the delivery path, which
     * needs everything but the subscriptions.
     */
    public Optional<Webhook> forDelivery(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM delivery_webhooks WHERE id = ?")
                .bind(0, id)
                .map((rs, ctx) -> Row.read(rs).toWebhook(List.of()))
                .findOne();
    }

    /**
     * The registry's columns as {@code alias.column}, for a query that reads webhooks joined to other
     * rows (read back with {@link #readJoined}).
     */
    public static String joinedColumns(String alias) {
        StringBuilder out = new StringBuilder();
        for (String c : COLUMNS.split(",")) {
            out.append(out.isEmpty() ? "" : ", ").append(alias).append('.').append(c.strip());
        }
        return out.toString();
    }

    /**
     * The webhook in the columns of {@link #joinedColumns} from column {@code first} on, as {@link
     * #forDelivery} reads it (subscriptions not loaded); null when its id is null (an outer join
     * that found no webhook).
     */
    public static Webhook readJoined(ResultSet rs, int first) throws SQLException {
        rs.getLong(first);
        if (rs.wasNull()) {
            return null;
        }
        return Row.read(rs, first - 1).toWebhook(List.of());
    }

    /**
     * What {@link #list(int, String, ListFilter)} keeps; null fields keep everything.
     *
     * @param url exactly this URL
     * @param enabled enabled (true) or disabled (false) webhooks
     * @param eventType webhooks subscribed to this event type
     */
    public record ListFilter(String url, Boolean enabled, String eventType) {
        public static ListFilter none() {
            return new ListFilter(null, null, null);
        }
    }

    /** {@link #list(int, String, ListFilter)} with no filter. */
    public WebhookPage list(int first, String after) {
        return list(first, after, ListFilter.none());
    }

    /**
     * Up to {@code first} webhooks (1 to {@link #MAX_PAGE}) matching {@code filter} with ids after
     * the cursor {@code after} (null: from the start), by id; the total counts every match.
     *
     * @throws ApiException 400 naming {@code first} or {@code after} when out of range or malformed
     */
    public WebhookPage list(int first, String after, ListFilter filter) {
        if (first < 1 || first > MAX_PAGE) {
            throw ApiException.invalidRequest("first must be 1 to " + MAX_PAGE + ", not " + first);
        }
        long from;
        try {
            from = after == null || after.isBlank() ? 0 : Long.parseLong(after.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalidRequest("after is not a cursor of this list");
        }
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (filter.url() != null) {
            where.append(" AND url = ?");
            args.add(filter.url());
        }
        if (filter.enabled() != null) {
            where.append(" AND enabled = ?");
            args.add(filter.enabled());
        }
        if (filter.eventType() != null) {
            where.append(" AND id IN (SELECT webhook_id FROM delivery_webhook_events WHERE event_type = ?)");
            args.add(filter.eventType());
        }
        return db.withHandle(h -> {
            var q = h.createQuery(
                    "SELECT " + COLUMNS + " FROM delivery_webhooks" + where + " AND id > ? ORDER BY id LIMIT ?");
            int i = 0;
            for (Object a : args) {
                q.bind(i++, a);
            }
            List<Row> rows = q.bind(i, from)
                    .bind(i + 1, first + 1)
                    .map((rs, ctx) -> Row.read(rs))
                    .list();
            boolean more = rows.size() > first;
            List<Row> page = more ? rows.subList(0, first) : rows;
            Map<Long, List<String>> types =
                    typesOf(h, page.stream().map(r -> r.id).toList());
            List<Webhook> nodes = page.stream()
                    .map(r -> r.toWebhook(types.getOrDefault(r.id, List.of())))
                    .toList();
            var count = h.createQuery("SELECT count(*) FROM delivery_webhooks" + where);
            int j = 0;
            for (Object a : args) {
                count.bind(j++, a);
            }
            long total = count.mapTo(long.class).one();
            String end = nodes.isEmpty()
                    ? null
                    : Long.toString(nodes.get(nodes.size() - 1).id());
            return new WebhookPage(nodes, end, more, total);
        });
    }

    /**
     * The subscriptions of the given webhooks, by webhook id then event type, each with its health
     * from the attempt log (see {@link Subscription}); webhooks without any are absent.
     */
    public Map<Long, List<Subscription>> subscriptions(List<Long> webhookIds) {
        Map<Long, List<Subscription>> out = new HashMap<>();
        if (webhookIds.isEmpty()) {
            return out;
        }
        String in = String.join(", ", java.util.Collections.nCopies(webhookIds.size(), "?"));
        return db.withHandle(h -> {
            var q = h.createQuery("SELECT s.id, s.webhook_id, s.event_type,"
                    + " sum(CASE WHEN a.attempt > 1 THEN 1 ELSE 0 END),"
                    + " min(a.attempted_at), max(a.attempted_at)"
                    + " FROM delivery_webhook_events s"
                    + " LEFT JOIN delivery_attempts a ON a.webhook_id = s.webhook_id AND a.event_type = s.event_type"
                    + " AND a.outcome <> 'delivered' AND a.attempted_at > coalesce((SELECT max(d.attempted_at)"
                    + " FROM delivery_attempts d WHERE d.webhook_id = s.webhook_id AND d.event_type = s.event_type"
                    + " AND d.outcome = 'delivered'), -1)"
                    + " WHERE s.webhook_id IN (" + in + ")"
                    + " GROUP BY s.id, s.webhook_id, s.event_type ORDER BY s.webhook_id, s.event_type");
            for (int i = 0; i < webhookIds.size(); i++) {
                q.bind(i, webhookIds.get(i));
            }
            q.map((rs, ctx) -> {
                        long first = rs.getLong(5);
                        Instant firstFailed = rs.wasNull() ? null : Instant.ofEpochMilli(first);
                        long last = rs.getLong(6);
                        Instant lastFailed = rs.wasNull() ? null : Instant.ofEpochMilli(last);
                        return new Subscription(
                                rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), firstFailed, lastFailed);
                    })
                    .forEach(sub -> out.computeIfAbsent(sub.webhookId(), k -> new ArrayList<>())
                            .add(sub));
            return out;
        });
    }

    /** An enabled webhook subscribed to an event type, as the outbox fans out to it. */
    public record Subscriber(long id, boolean shouldRetry) {}

    /** The enabled webhooks subscribed to {@code eventType}, by id, in the caller's transaction. */
    public static List<Subscriber> subscribers(Handle h, String eventType) {
        return h.createQuery("SELECT w.id, w.should_retry FROM delivery_webhook_events e"
                        + " JOIN delivery_webhooks w ON w.id = e.webhook_id"
                        + " WHERE e.event_type = ? AND w.enabled = ? ORDER BY w.id")
                .bind(0, eventType)
                .bind(1, true)
                .map((rs, ctx) -> new Subscriber(rs.getLong(1), rs.getBoolean(2)))
                .list();
    }

    /** A success: the failure streak and warning end. */
    public static void recordSuccess(Handle h, long id) {
        h.createUpdate("UPDATE delivery_webhooks SET failing_since = NULL, warned_at = NULL"
                        + " WHERE id = ? AND (failing_since IS NOT NULL OR warned_at IS NOT NULL)")
                .bind(0, id)
                .execute();
    }

    /** A failure at {@code at}: starts the streak unless one is running. */
    public static void recordFailure(Handle h, long id, Instant at) {
        h.createUpdate("UPDATE delivery_webhooks SET failing_since = ? WHERE id = ? AND failing_since IS NULL")
                .bind(0, at.toEpochMilli())
                .bind(1, id)
                .execute();
    }

    /** Sets {@code warned_at}, once per streak; true if this call set it. */
    public static boolean markWarned(Handle h, long id, Instant at) {
        return h.createUpdate("UPDATE delivery_webhooks SET warned_at = ? WHERE id = ? AND warned_at IS NULL")
                        .bind(0, at.toEpochMilli())
                        .bind(1, id)
                        .execute()
                == 1;
    }

    /** Disables an enabled webhook with a reason; true if this call disabled it. */
    public static boolean disable(Handle h, long id, String reason, Instant at) {
        return h.createUpdate("UPDATE delivery_webhooks SET enabled = ?, disabled_reason = ?, updated_at = ?"
                                + " WHERE id = ? AND enabled = ?")
                        .bind(0, false)
                        .bind(1, reason)
                        .bind(2, at.toEpochMilli())
                        .bind(3, id)
                        .bind(4, true)
                        .execute()
                == 1;
    }

    private static void insertTypes(Handle h, long id, List<String> types) {
        if (types.isEmpty()) {
            return;
        }
        var batch = h.prepareBatch("INSERT INTO delivery_webhook_events (webhook_id, event_type) VALUES (?, ?)");
        for (String t : types) {
            batch.bind(0, id).bind(1, t).add();
        }
        batch.execute();
    }

    private static Map<Long, List<String>> typesOf(Handle h, List<Long> ids) {
        Map<Long, List<String>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            in.append(i == 0 ? "?" : ", ?");
        }
        var q = h.createQuery("SELECT webhook_id, event_type FROM delivery_webhook_events WHERE webhook_id IN (" + in
                + ") ORDER BY webhook_id, event_type");
        for (int i = 0; i < ids.size(); i++) {
            q.bind(i, ids.get(i));
        }
        q.map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .forEach(e ->
                        out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    private record Row(
            long id,
            String url,
            boolean enabled,
            boolean shouldRetry,
            String profile,
            String shape,
            String secret,
            String keyId,
            String previous,
            String previousKeyId,
            Long previousUntil,
            Long warnedAt,
            Long failingSince,
            String disabledReason,
            long createdAt,
            long updatedAt) {
        static Row read(ResultSet rs) throws SQLException {
            return read(rs, 0);
        }

        /** The row in columns {@code skip + 1} to {@code skip + 16}. */
        static Row read(ResultSet rs, int skip) throws SQLException {
            int o = skip;
            return new Row(
                    rs.getLong(o + 1),
                    rs.getString(o + 2),
                    rs.getBoolean(o + 3),
                    rs.getBoolean(o + 4),
                    rs.getString(o + 5),
                    rs.getString(o + 6),
                    rs.getString(o + 7),
                    rs.getString(o + 8),
                    rs.getString(o + 9),
                    rs.getString(o + 10),
                    nullableLong(rs, o + 11),
                    nullableLong(rs, o + 12),
                    nullableLong(rs, o + 13),
                    rs.getString(o + 14),
                    rs.getLong(o + 15),
                    rs.getLong(o + 16));
        }

        Webhook toWebhook(List<String> types) {
            return new Webhook(
                    id,
                    url,
                    enabled,
                    shouldRetry,
                    types,
                    Profile.byId(profile)
                            .orElseThrow(
                                    () -> new IllegalStateException("unknown profile in the registry: " + profile)),
                    WebhookValidation.shapeOf(shape),
                    new WebhookSecret(keyId, secret),
                    previous == null ? null : new WebhookSecret(previousKeyId, previous),
                    instant(previous == null ? null : previousUntil),
                    instant(warnedAt),
                    instant(failingSince),
                    disabledReason,
                    Instant.ofEpochMilli(createdAt),
                    Instant.ofEpochMilli(updatedAt));
        }

        private static Long nullableLong(ResultSet rs, int i) throws SQLException {
            long v = rs.getLong(i);
            return rs.wasNull() ? null : v;
        }

        private static Instant instant(Long millis) {
            return millis == null ? null : Instant.ofEpochMilli(millis);
        }
    }
}
