package io.scribehook.store.queue;

import io.scribehook.core.time.Jitter;
import io.scribehook.store.Database;
import io.scribehook.store.Dialect;
import io.scribehook.store.GroupCommitter;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The durable job queue: enqueue inside the caller's transaction (at most one pending job per
 * unique key), claim with one statement, lease with heartbeats, finish with version-guarded updates
 * (complete, fail, retry at a time, snooze), reclaim jobs whose worker vanished.
 *
 * <p>Every state change goes through the database's {@link GroupCommitter} (the methods taking a
 * {@link Handle} run inside a transaction the caller already holds, so a handler can record its
 * effects and complete its job atomically). All times come from the injected {@link Clock} and are
 * stored as epoch milliseconds. Create one per database and share it; it is thread-safe.
 */
public final class JobQueue {
    private static final int CHUNK = 500;
    private static final int RECLAIM_BATCH = 1000;
    private static final int MAX_ERROR_LENGTH = 4000;

    private final Database db;
    private final QueueSettings settings;
    private final Clock clock;
    private final JobSql sql;
    private final Wakeups wakeups;
    private final JobInserts inserts;

    public JobQueue(Database db, QueueSettings settings, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sql = new JobSql(db.dialect());
        this.wakeups = Wakeups.of(db);
        this.inserts = new JobInserts(db, settings, clock, sql);
    }

    public Database database() {
        return db;
    }

    public QueueSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    /** The wake-ups workers wait on. */
    public JobSignal signal() {
        return wakeups;
    }

    // ------------------------------------------------------------------ enqueue

    /**
     * Inserts a job in the transaction of {@code h} (a handle given by {@code db.writer().write(...)}
     * or any other transaction on this database) and arranges the wake-up: a {@code pg_notify}
     * delivered at commit on PostgreSQL, an in-process signal after commit on SQLite. Nothing is
     * enqueued, and nobody woken, if that transaction rolls back.
     *
     * @return the new job's id; for a request with a {@link JobRequest#uniqueKey()} that found a
     *         pending job with its key, that job's id (see {@link #offer(Handle, JobRequest)})
     */
    public long enqueue(Handle h, JobRequest r) {
        return offer(h, r).id();
    }

    /** Enqueues in a transaction of its own; returns once committed. */
    public long enqueue(JobRequest r) {
        return db.writer().write(h -> enqueue(h, r));
    }

    /**
     * {@link #enqueue(Handle, JobRequest)}, telling whether a job was inserted: a request with a
     * {@link JobRequest#uniqueKey()} inserts nothing while a job of its queue with that key is
     * pending (available or retryable), and returns {@link EnqueueResult.AlreadyPending} with that
     * job's id ({@code INSERT ... ON CONFLICT DO NOTHING} on a partial unique index, so concurrent
     * writers never fail on it). A running job does not count: a request arriving while it runs
     * inserts a new job.
     */
    public EnqueueResult offer(Handle h, JobRequest r) {
        return inserts.offer(h, r);
    }

    /** {@link #offer(Handle, JobRequest)} in a transaction of its own; returns once committed. */
    public EnqueueResult offer(JobRequest r) {
        return db.writer().write(h -> offer(h, r));
    }

    /**
     * Inserts many jobs in the transaction of {@code h} with one statement per 500 (SQLite: a
     * multi-row insert; PostgreSQL: an insert from {@code unnest} of seven arrays); ids in request
     * order. Requests with a unique key go one by one through {@link #enqueue(Handle, JobRequest)}.
     */
    public List<Long> enqueueAll(Handle h, List<JobRequest> requests) {
        return inserts.enqueueAll(h, requests);
    }

    // ------------------------------------------------------------------ claim and lease

    /**
     * Claims up to {@code max} due jobs of {@code queue} for {@code owner} with one statement (on
     * PostgreSQL skipping rows other claimers hold): state running, attempt + 1, version + 1, lease
     * until now + {@link QueueSettings#lease()}. Returns them in (priority, scheduled_at, id) order.
     */
    public List<Job> claim(String queue, String owner, int max) {
        if (max <= 0) {
            return List.of();
        }
        return db.writer().write(h -> claim(h, queue, owner, max));
    }

    /** {@link #claim(String, String, int)} inside the caller's transaction. */
    public List<Job> claim(Handle h, String queue, String owner, int max) {
        Objects.requireNonNull(owner, "owner");
        if (max <= 0) {
            return List.of();
        }
        long now = clock.millis();
        List<JobSql.Claimed> rows = h.createQuery(sql.claim)
                .bind(0, owner)
                .bind(1, now + settings.lease().toMillis())
                .bind(2, queue)
                .bind(3, now)
                .bind(4, max)
                .map(JobSql.CLAIMED)
                .list();
        if (rows.size() == 1) {
            return List.of(rows.get(0).job());
        }
        List<JobSql.Claimed> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt(JobSql.Claimed::priority)
                .thenComparing(c -> c.job().scheduledAt())
                .thenComparingLong(c -> c.job().id()));
        return sorted.stream().map(JobSql.Claimed::job).toList();
    }

    /**
     * Extends the lease of a running job to now + lease, if it is still running under this claim
     * (same owner and version). False means the worker has lost the job.
     */
    public boolean heartbeat(Job j) {
        long expires = clock.millis() + settings.lease().toMillis();
        return direct(h -> h.createUpdate(sql.heartbeat)
                        .bind(0, expires)
                        .bind(1, j.id())
                        .bind(2, j.version())
                        .bind(3, j.leaseOwner())
                        .execute())
                == 1;
    }

    /**
     * Running jobs whose lease has expired go back to retryable (due now), or to dead when out of
     * attempts; version + 1, so their old worker can no longer finish them. A job with a unique key
     * whose key is pending again is completed as superseded instead (see {@link #fail}).
     *
     * @return how many jobs were reclaimed
     */
    public int reclaimExpired() {
        int total = 0;
        while (true) {
            long now = clock.millis();
            List<String> queues = direct(h -> h.createQuery(sql.reclaim)
                    .bind(0, now)
                    .bind(1, now)
                    .bind(2, now)
                    .bind(3, RECLAIM_BATCH)
                    .map((rs, ctx) -> "retryable".equals(rs.getString(2)) ? rs.getString(1) : null)
                    .list());
            total += queues.size();
            Set<String> woken = new HashSet<>();
            for (String q : queues) {
                if (q != null && woken.add(q)) {
                    wakeups.signal(q, WakeReason.SIGNAL);
                }
            }
            if (queues.size() < RECLAIM_BATCH) {
                return total + reclaimKeyed();
            }
        }
    }

    /** Expired jobs with a unique key, one transaction each: two of them may share their key. */
    private int reclaimKeyed() {
        int total = 0;
        while (true) {
            long now = clock.millis();
            List<Long> ids = db.withHandle(h -> h.createQuery(sql.expiredKeyed)
                    .bind(0, now)
                    .bind(1, RECLAIM_BATCH)
                    .mapTo(long.class)
                    .list());
            for (long id : ids) {
                FailureResult r = db.writer().write(h -> {
                    Optional<Job> expired = h.createQuery(sql.lockExpired)
                            .bind(0, id)
                            .bind(1, now)
                            .map(JobSql.JOB)
                            .findOne();
                    if (expired.isEmpty()) {
                        return (FailureResult) new FailureResult.Stale(id);
                    }
                    Job j = expired.get();
                    String error = "lease of " + (j.leaseOwner() == null ? "unknown" : j.leaseOwner()) + " expired";
                    return j.attempt() >= j.maxAttempts() ? dead(h, j, error) : sendBack(h, j, now, error, false);
                });
                if (!(r instanceof FailureResult.Stale)) {
                    total++;
                }
            }
            if (ids.size() < RECLAIM_BATCH) {
                return total;
            }
        }
    }

    // ------------------------------------------------------------------ finish

    /** Marks a job completed if it is still running under this claim; else {@link CompletionResult.Stale}. */
    public CompletionResult complete(Job j) {
        return db.writer().write(h -> complete(h, j));
    }

    /** {@link #complete(Job)} inside the caller's transaction (with the handler's own writes). */
    public CompletionResult complete(Handle h, Job j) {
        int n = h.createUpdate(sql.complete)
                .bind(0, clock.millis())
                .bind(1, j.id())
                .bind(2, j.version())
                .execute();
        return n == 1 ? new CompletionResult.Completed(j.id()) : new CompletionResult.Stale(j.id());
    }

    /** Completes many jobs with one statement per 500; results in the order of {@code jobs}. */
    public List<CompletionResult> completeAll(Collection<Job> jobs) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        return db.writer().write(h -> completeAll(h, jobs));
    }

    /** {@link #completeAll(Collection)} inside the caller's transaction. */
    public List<CompletionResult> completeAll(Handle h, Collection<Job> jobs) {
        List<Job> byId = new ArrayList<>(jobs);
        byId.sort(Comparator.comparingLong(Job::id)); // one lock order for every writer
        Set<Long> done = new HashSet<>();
        long now = clock.millis();
        for (int from = 0; from < byId.size(); from += CHUNK) {
            List<Job> chunk = byId.subList(from, Math.min(byId.size(), from + CHUNK));
            Query q;
            if (db.dialect() == Dialect.POSTGRES) {
                Long[] idArray = new Long[chunk.size()];
                Long[] versions = new Long[chunk.size()];
                for (int i = 0; i < chunk.size(); i++) {
                    idArray[i] = chunk.get(i).id();
                    versions[i] = chunk.get(i).version();
                }
                q = h.createQuery(JobSql.COMPLETE_UNNEST)
                        .bind(0, now)
                        .bindArray(1, Long.class, (Object[]) idArray)
                        .bindArray(2, Long.class, (Object[]) versions);
            } else {
                q = h.createQuery(sql.completeMany(chunk.size())).bind(0, now);
                int i = 1;
                for (Job j : chunk) {
                    q.bind(i++, j.id()).bind(i++, j.version());
                }
            }
            done.addAll(q.mapTo(long.class).list());
        }
        List<CompletionResult> out = new ArrayList<>(jobs.size());
        for (Job j : jobs) {
            out.add(
                    done.contains(j.id())
                            ? new CompletionResult.Completed(j.id())
                            : new CompletionResult.Stale(j.id()));
        }
        return out;
    }

    /**
     * Records a failed attempt: retryable again at now + backoff[attempt - 1] ± jitter, or dead when
     * not retryable or out of attempts; {@link FailureResult.Stale} when the job is no longer this
     * claim's. A job with a unique key goes back only if no other job with its key is pending;
     * otherwise it is completed, {@link FailureResult.Superseded}, since the pending one does the
     * same work.
     */
    public FailureResult fail(Job j, String error, boolean retryable) {
        return db.writer().write(h -> fail(h, j, error, retryable));
    }

    /** {@link #fail(Job, String, boolean)} inside the caller's transaction. */
    public FailureResult fail(Handle h, Job j, String error, boolean retryable) {
        if (!retryable || j.attempt() >= j.maxAttempts()) {
            return dead(h, j, error);
        }
        return sendBack(h, j, clock.millis() + jittered(settings.backoffAfter(j.attempt())), error, false);
    }

    /**
     * Records a failed attempt that is to run again not before {@code at} (a {@code Retry-After},
     * say; a time already past means now), or dead when out of attempts. Otherwise as
     * {@link #fail(Job, String, boolean)}.
     */
    public FailureResult retryAt(Job j, Instant at, String error) {
        return db.writer().write(h -> retryAt(h, j, at, error));
    }

    /** {@link #retryAt(Job, Instant, String)} inside the caller's transaction. */
    public FailureResult retryAt(Handle h, Job j, Instant at, String error) {
        Objects.requireNonNull(at, "at");
        if (j.attempt() >= j.maxAttempts()) {
            return dead(h, j, error);
        }
        return sendBack(h, j, Math.max(clock.millis(), at.toEpochMilli()), error, false);
    }

    /**
     * Puts a running job back to wait until {@code until} (a time already past means now) without
     * spending its attempt: {@link FailureResult.Snoozed}, {@link FailureResult.Superseded} as in
     * {@link #fail(Job, String, boolean)}, or {@link FailureResult.Stale}. {@code reason} becomes its
     * {@link Job#lastError()}.
     */
    public FailureResult snooze(Job j, Instant until, String reason) {
        return db.writer().write(h -> snooze(h, j, until, reason));
    }

    /** {@link #snooze(Job, Instant, String)} inside the caller's transaction. */
    public FailureResult snooze(Handle h, Job j, Instant until, String reason) {
        Objects.requireNonNull(until, "until");
        return sendBack(h, j, Math.max(clock.millis(), until.toEpochMilli()), reason, true);
    }

    private FailureResult dead(Handle h, Job j, String error) {
        int n = h.createUpdate(sql.dead)
                .bind(0, clock.millis())
                .bind(1, text(error))
                .bind(2, j.id())
                .bind(3, j.version())
                .execute();
        return n == 1 ? new FailureResult.Dead(j.id(), j.attempt()) : new FailureResult.Stale(j.id());
    }

    /**
     * Back to retryable at {@code at}, or completed as superseded when a job with the same unique key
     * is pending. The pending job may be inserted by a transaction that commits only while this one
     * writes (PostgreSQL): then the update fails on the unique index, is rolled back to a savepoint,
     * and the next round finds the job.
     */
    private FailureResult sendBack(Handle h, Job j, long at, String reason, boolean snooze) {
        String error = text(reason);
        if (j.uniqueKey() == null) {
            return retryable(h, j, at, error, snooze);
        }
        boolean savepoint = db.dialect() == Dialect.POSTGRES && inTransaction(h);
        for (int tries = 0; tries < 5; tries++) {
            Optional<Long> pending = inserts.pendingWithKey(h, j.queue(), j.uniqueKey());
            if (pending.isPresent()) {
                int n = h.createUpdate(sql.supersede)
                        .bind(0, clock.millis())
                        .bind(1, truncate("superseded by pending job " + pending.get() + ": " + error))
                        .bind(2, j.id())
                        .bind(3, j.version())
                        .execute();
                return n == 1 ? new FailureResult.Superseded(j.id(), pending.get()) : new FailureResult.Stale(j.id());
            }
            if (savepoint) {
                h.execute("SAVEPOINT job_unique_key");
            }
            try {
                FailureResult r = retryable(h, j, at, error, snooze);
                if (savepoint) {
                    h.execute("RELEASE SAVEPOINT job_unique_key");
                }
                return r;
            } catch (RuntimeException e) {
                if (!uniqueViolation(e)) {
                    throw e;
                }
                if (savepoint) {
                    h.execute("ROLLBACK TO SAVEPOINT job_unique_key");
                    h.execute("RELEASE SAVEPOINT job_unique_key");
                }
            }
        }
        throw new IllegalStateException("job " + j.id() + " with unique key " + j.uniqueKey()
                + " could neither go back nor be superseded after 5 tries");
    }

    private FailureResult retryable(Handle h, Job j, long at, String error, boolean snooze) {
        int n = h.createUpdate(sql.retry)
                .bind(0, snooze ? 1 : 0)
                .bind(1, at)
                .bind(2, error)
                .bind(3, j.id())
                .bind(4, j.version())
                .execute();
        if (n != 1) {
            return new FailureResult.Stale(j.id());
        }
        if (at <= clock.millis()) {
            db.notifications().publish(h, Wakeups.CHANNEL, j.queue());
        }
        return snooze
                ? new FailureResult.Snoozed(j.id(), Instant.ofEpochMilli(at))
                : new FailureResult.Rescheduled(j.id(), j.attempt(), Instant.ofEpochMilli(at));
    }

    private static boolean inTransaction(Handle h) {
        try {
            return !h.getConnection().getAutoCommit();
        } catch (SQLException e) {
            throw new IllegalStateException("connection state unknown: " + e.getMessage(), e);
        }
    }

    private static boolean uniqueViolation(Throwable t) {
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof SQLException e
                    && ("23505".equals(e.getSQLState())
                            || (e.getMessage() != null && e.getMessage().contains("UNIQUE constraint failed")))) {
                return true;
            }
        }
        return false;
    }

    private long jittered(Duration base) {
        return Jitter.spreadMillis(base.toMillis(), settings.jitter());
    }

    // ------------------------------------------------------------------ reading and housekeeping

    public Optional<Job> find(long id) {
        return db.withHandle(
                h -> h.createQuery(sql.find).bind(0, id).map(JobSql.JOB).findOne());
    }

    /**
     * Jobs of {@code queue} waiting, running and dead, for metrics: one statement, each state counted
     * through its partial index, so the cost follows those jobs and never the completed ones (which
     * are not counted; count completions as they happen instead).
     */
    public QueueCounts counts(String queue) {
        Map<String, Long> byState = new HashMap<>();
        db.withHandle(h -> h.createQuery(sql.counts)
                        .bind(0, queue)
                        .bind(1, queue)
                        .bind(2, queue)
                        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                        .list())
                .forEach(e -> byState.put(e.getKey(), e.getValue()));
        return new QueueCounts(
                byState.getOrDefault("available", 0L),
                byState.getOrDefault("running", 0L),
                byState.getOrDefault("retryable", 0L),
                byState.getOrDefault("dead", 0L));
    }

    /**
     * Moves a pending job (available or retryable) scheduled later to now, in the caller's
     * transaction; true if it moved. For work that became possible earlier than its job expected
     * (reconcile found the completed transcript a snoozed job waits for).
     */
    public boolean runNow(Handle h, long id) {
        long now = clock.millis();
        return h.createUpdate("UPDATE jobs SET scheduled_at = ?, version = version + 1 WHERE id = ? "
                                + "AND state IN ('available', 'retryable') AND scheduled_at > ?")
                        .bind(0, now)
                        .bind(1, id)
                        .bind(2, now)
                        .execute()
                == 1;
    }

    /** Wakes the idle workers of {@code queue} in this process (after moving a ManualClock, say). */
    public void nudge(String queue) {
        wakeups.signal(queue, WakeReason.SIGNAL);
    }

    /**
     * Single-statement maintenance: on SQLite through the one writer; on PostgreSQL in auto-commit
     * on the pool, so it holds its row locks only for the statement and cannot deadlock with
     * group-committed transactions.
     */
    private <T> T direct(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
        return db.dialect() == Dialect.SQLITE ? db.writer().write(work) : db.withHandle(work);
    }

    private static String text(String error) {
        return truncate(error == null ? "failed" : error);
    }

    private static String truncate(String s) {
        return s.length() <= MAX_ERROR_LENGTH ? s : s.substring(0, MAX_ERROR_LENGTH);
    }
}
