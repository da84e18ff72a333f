package io.scribehook.store.queue;

import io.scribehook.store.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** The queue's SQL, per dialect. PostgreSQL adds SKIP LOCKED and pg_notify; the rest is shared. */
final class JobSql {
    static final String COLUMNS = "id, queue, kind, payload, state, attempt, max_attempts, version, lease_owner, "
            + "lease_expires_at, scheduled_at, last_error, created_at, priority, unique_key";
    static final String INSERT_COLUMNS =
            "INSERT INTO jobs (queue, kind, payload, priority, max_attempts, scheduled_at, created_at) VALUES ";
    static final String INSERT_ROW = "(?, ?, ?, ?, ?, ?, ?)";
    /** The predicate of the partial unique index {@code jobs_unique_pending}, word for word. */
    static final String PENDING_KEY = "state IN ('available', 'retryable') AND unique_key IS NOT NULL";

    private static final String RELEASE = "version = version + 1, lease_owner = NULL, lease_expires_at = NULL";
    private static final String GUARD = " WHERE id = ? AND version = ? AND state = 'running'";

    final String enqueue;
    final String enqueueUnique;
    final String claim;
    final String reclaim;
    final String expiredKeyed;
    final String lockExpired;
    final String deleteFinished;
    final String heartbeat = "UPDATE jobs SET lease_expires_at = ? "
            + "WHERE id = ? AND version = ? AND state = 'running' AND lease_owner = ?";
    final String complete = "UPDATE jobs SET state = 'completed', " + RELEASE + ", finished_at = ?" + GUARD;
    final String completeManyPrefix =
            "UPDATE jobs SET state = 'completed', " + RELEASE + ", finished_at = ? FROM (VALUES ";
    final String completeManySuffix = ") AS v WHERE jobs.id = v.column1 AND jobs.version = v.column2 "
            + "AND jobs.state = 'running' RETURNING jobs.id";
    /** Back to retryable at a time, giving back {@code refund} (0 or 1) attempts. */
    final String retry = "UPDATE jobs SET state = 'retryable', attempt = attempt - ?, " + RELEASE
            + ", scheduled_at = ?, last_error = ?" + GUARD;
    /** Completed because a pending job with the same unique key does the same work. */
    final String supersede =
            "UPDATE jobs SET state = 'completed', " + RELEASE + ", finished_at = ?, last_error = ?" + GUARD;

    final String dead = "UPDATE jobs SET state = 'dead', " + RELEASE + ", finished_at = ?, last_error = ?" + GUARD;
    final String pendingWithKey = "SELECT id FROM jobs WHERE queue = ? AND unique_key = ? AND " + PENDING_KEY;
    final String find = "SELECT " + COLUMNS + " FROM jobs WHERE id = ?";
    /** Waiting, running and dead jobs of a queue, each through its partial index; completed ones are not counted. */
    final String counts = "SELECT state, count(*) FROM jobs WHERE queue = ? AND state IN ('available', 'retryable') "
            + "GROUP BY state "
            + "UNION ALL SELECT 'running', count(*) FROM jobs WHERE state = 'running' AND queue = ? "
            + "UNION ALL SELECT 'dead', count(*) FROM jobs WHERE state = 'dead' AND queue = ?";

    /** PostgreSQL: many jobs in one statement with seven array parameters. */
    static final String INSERT_UNNEST = "INSERT INTO jobs (queue, kind, payload, priority, max_attempts, scheduled_at, "
            + "created_at) SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::int[], ?::bigint[], "
            + "?::bigint[]) RETURNING id";
    /** PostgreSQL: completes many jobs with two array parameters (ids, versions). */
    static final String COMPLETE_UNNEST = "UPDATE jobs SET state = 'completed', version = jobs.version + 1, "
            + "lease_owner = NULL, lease_expires_at = NULL, finished_at = ? "
            + "FROM unnest(?::bigint[], ?::bigint[]) AS v(job_id, job_version) "
            + "WHERE jobs.id = v.job_id AND jobs.version = v.job_version AND jobs.state = 'running' RETURNING jobs.id";

    JobSql(Dialect dialect) {
        boolean pg = dialect == Dialect.POSTGRES;
        String skipLocked = pg ? " FOR UPDATE SKIP LOCKED" : "";
        String insertUnique =
                "INSERT INTO jobs (queue, kind, payload, priority, max_attempts, scheduled_at, created_at, "
                        + "unique_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (queue, unique_key) WHERE "
                        + PENDING_KEY
                        + " DO NOTHING RETURNING id";
        this.enqueue = pg
                ? notifying(INSERT_COLUMNS + INSERT_ROW + " RETURNING id")
                : INSERT_COLUMNS + INSERT_ROW + " RETURNING id";
        this.enqueueUnique = pg ? notifying(insertUnique) : insertUnique;
        this.claim = "UPDATE jobs SET state = 'running', attempt = attempt + 1, version = version + 1, "
                + "lease_owner = ?, lease_expires_at = ? "
                + "WHERE id IN (SELECT id FROM jobs WHERE queue = ? AND state IN ('available', 'retryable') "
                + "AND scheduled_at <= ? ORDER BY priority, scheduled_at, id LIMIT ?" + skipLocked + ") "
                + "RETURNING " + COLUMNS;
        // jobs with a unique key go back one by one (JobQueue#reclaimExpired): two of them may share a key
        String reclaimUpdate = "UPDATE jobs SET "
                + "state = CASE WHEN attempt >= max_attempts THEN 'dead' ELSE 'retryable' END, "
                + "finished_at = CASE WHEN attempt >= max_attempts THEN ? ELSE NULL END, "
                + "version = version + 1, scheduled_at = ?, "
                + "last_error = 'lease of ' || COALESCE(lease_owner, 'unknown') || ' expired', "
                + "lease_owner = NULL, lease_expires_at = NULL "
                + "WHERE id IN (SELECT id FROM jobs WHERE state = 'running' AND lease_expires_at <= ? "
                + "AND unique_key IS NULL ORDER BY lease_expires_at LIMIT ?" + skipLocked + ") RETURNING queue, state";
        this.reclaim = pg
                ? "WITH r AS (" + reclaimUpdate + ") SELECT r.queue, r.state, pg_notify('" + Wakeups.CHANNEL
                        + "', r.queue) FROM r"
                : reclaimUpdate;
        this.expiredKeyed = "SELECT id FROM jobs WHERE state = 'running' AND lease_expires_at <= ? "
                + "AND unique_key IS NOT NULL ORDER BY lease_expires_at LIMIT ?";
        this.lockExpired = "SELECT " + COLUMNS
                + " FROM jobs WHERE id = ? AND state = 'running' AND lease_expires_at <= ?" + (pg ? " FOR UPDATE" : "");
        this.deleteFinished = "DELETE FROM jobs WHERE id IN (SELECT id FROM jobs "
                + "WHERE state IN ('completed', 'dead') AND finished_at < ? ORDER BY finished_at LIMIT ?" + skipLocked
                + ")";
    }

    /** PostgreSQL: an insert returning its id that also notifies the queue's workers at commit. */
    private static String notifying(String insert) {
        return "WITH j AS (" + insert + ") SELECT j.id, pg_notify('" + Wakeups.CHANNEL + "', ?) FROM j";
    }

    /** A multi-row insert of {@code rows} jobs returning their ids. */
    static String insertMany(int rows) {
        StringBuilder sb = new StringBuilder(INSERT_COLUMNS.length() + rows * 24 + 16).append(INSERT_COLUMNS);
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "" : ", ").append(INSERT_ROW);
        }
        return sb.append(" RETURNING id").toString();
    }

    String completeMany(int rows) {
        StringBuilder sb = new StringBuilder(completeManyPrefix);
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "(?, ?)" : ", (?, ?)");
        }
        return sb.append(completeManySuffix).toString();
    }

    /** A claimed row with its priority, for ordering what RETURNING gives back in no order. */
    record Claimed(Job job, int priority) {}

    static final RowMapper<Claimed> CLAIMED = (rs, ctx) -> new Claimed(job(rs), rs.getInt(14));

    static final RowMapper<Job> JOB = (ResultSet rs, StatementContext ctx) -> job(rs);

    /** Reads a row selected as {@link #COLUMNS}, by position. */
    static Job job(ResultSet rs) throws SQLException {
        return new Job(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                JobState.fromSql(rs.getString(5)),
                rs.getInt(6),
                rs.getInt(7),
                rs.getLong(8),
                rs.getString(9),
                instant(rs, 10),
                instant(rs, 11),
                rs.getString(12),
                instant(rs, 13),
                rs.getString(15));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
