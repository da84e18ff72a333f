package io.scribehook.store.queue;

import io.scribehook.store.BulkInsert;
import io.scribehook.store.Database;
import io.scribehook.store.Dialect;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** The inserting half of {@link JobQueue}: one job (plain or keyed) or many, in the caller's transaction. */
final class JobInserts {
    private static final int CHUNK = 500;

    private final Database db;
    private final QueueSettings settings;
    private final Clock clock;
    private final JobSql sql;

    JobInserts(Database db, QueueSettings settings, Clock clock, JobSql sql) {
        this.db = db;
        this.settings = settings;
        this.clock = clock;
        this.sql = sql;
    }

    /** See {@link JobQueue#offer(Handle, JobRequest)}. */
    EnqueueResult offer(Handle h, JobRequest r) {
        long now = clock.millis();
        if (r.uniqueKey() == null) {
            return new EnqueueResult.Inserted(insert(h, sql.enqueue, r, now).orElseThrow());
        }
        for (int tries = 0; tries < 5; tries++) {
            Optional<Long> id = insert(h, sql.enqueueUnique, r, now);
            if (id.isPresent()) {
                return new EnqueueResult.Inserted(id.get());
            }
            Optional<Long> pending = pendingWithKey(h, r.queue(), r.uniqueKey());
            if (pending.isPresent()) {
                return new EnqueueResult.AlreadyPending(pending.get());
            }
            // the pending job was claimed between the two statements: insert again
        }
        throw new IllegalStateException("job with unique key " + r.uniqueKey() + " in queue " + r.queue()
                + " neither inserted nor found pending after 5 tries");
    }

    private Optional<Long> insert(Handle h, String statement, JobRequest r, long now) {
        Query q = h.createQuery(statement);
        int next = bindRequest(q, 0, r, now);
        if (r.uniqueKey() != null) {
            q.bind(next++, r.uniqueKey());
        }
        if (db.dialect() == Dialect.POSTGRES) {
            q.bind(next, r.queue());
        }
        Optional<Long> id = q.mapTo(long.class).findOne();
        if (id.isPresent() && db.dialect() == Dialect.SQLITE) {
            db.notifications().publish(h, Wakeups.CHANNEL, r.queue());
        }
        return id;
    }

    /** The pending (available or retryable) job of {@code queue} with {@code key}, if any. */
    Optional<Long> pendingWithKey(Handle h, String queue, String key) {
        return h.createQuery(sql.pendingWithKey)
                .bind(0, queue)
                .bind(1, key)
                .mapTo(long.class)
                .findOne();
    }

    /** See {@link JobQueue#enqueueAll(Handle, List)}. */
    List<Long> enqueueAll(Handle h, List<JobRequest> requests) {
        if (requests.stream().anyMatch(r -> r.uniqueKey() != null)) {
            return enqueueMixed(h, requests);
        }
        long now = clock.millis();
        List<Long> ids = new ArrayList<>(requests.size());
        Set<String> queues = new LinkedHashSet<>();
        for (int from = 0; from < requests.size(); from += CHUNK) {
            List<JobRequest> chunk = requests.subList(from, Math.min(requests.size(), from + CHUNK));
            chunk.forEach(r -> queues.add(r.queue()));
            if (db.dialect() == Dialect.POSTGRES) {
                List<Long> got = new ArrayList<>(
                        insertUnnest(h, chunk, now).mapTo(long.class).list());
                got.sort(null); // ids are handed out in row order; RETURNING order is not promised
                ids.addAll(got);
            } else {
                ids.addAll(insertValues(h, chunk, now));
            }
        }
        for (String queue : queues) {
            db.notifications().publish(h, Wakeups.CHANNEL, queue);
        }
        return ids;
    }

    private List<Long> enqueueMixed(Handle h, List<JobRequest> requests) {
        List<JobRequest> plain =
                requests.stream().filter(r -> r.uniqueKey() == null).toList();
        Iterator<Long> plainIds = enqueueAll(h, plain).iterator();
        List<Long> ids = new ArrayList<>(requests.size());
        for (JobRequest r : requests) {
            ids.add(r.uniqueKey() == null ? plainIds.next() : offer(h, r).id());
        }
        return ids;
    }

    private List<Long> insertValues(Handle h, List<JobRequest> chunk, long now) {
        return BulkInsert.ids(h, JobSql.insertMany(chunk.size()), ps -> {
            int i = 1;
            for (JobRequest r : chunk) {
                ps.setString(i++, r.queue());
                ps.setString(i++, r.kind());
                ps.setString(i++, r.payload());
                ps.setInt(i++, r.priority());
                ps.setInt(i++, maxAttempts(r));
                ps.setLong(i++, scheduledAt(r, now));
                ps.setLong(i++, now);
            }
        });
    }

    private Query insertUnnest(Handle h, List<JobRequest> chunk, long now) {
        int n = chunk.size();
        String[] queues = new String[n];
        String[] kinds = new String[n];
        String[] payloads = new String[n];
        Integer[] priorities = new Integer[n];
        Integer[] attempts = new Integer[n];
        Long[] scheduled = new Long[n];
        Long[] created = new Long[n];
        for (int i = 0; i < n; i++) {
            JobRequest r = chunk.get(i);
            queues[i] = r.queue();
            kinds[i] = r.kind();
            payloads[i] = r.payload();
            priorities[i] = r.priority();
            attempts[i] = maxAttempts(r);
            scheduled[i] = scheduledAt(r, now);
            created[i] = now;
        }
        return h.createQuery(JobSql.INSERT_UNNEST)
                .bindArray(0, String.class, (Object[]) queues)
                .bindArray(1, String.class, (Object[]) kinds)
                .bindArray(2, String.class, (Object[]) payloads)
                .bindArray(3, Integer.class, (Object[]) priorities)
                .bindArray(4, Integer.class, (Object[]) attempts)
                .bindArray(5, Long.class, (Object[]) scheduled)
                .bindArray(6, Long.class, (Object[]) created);
    }

    private int bindRequest(Query q, int i, JobRequest r, long now) {
        q.bind(i, r.queue())
                .bind(i + 1, r.kind())
                .bind(i + 2, r.payload())
                .bind(i + 3, r.priority())
                .bind(i + 4, maxAttempts(r))
                .bind(i + 5, scheduledAt(r, now))
                .bind(i + 6, now);
        return i + 7;
    }

    /** The request's attempt limit, or the queue's when it sets none (0). */
    private int maxAttempts(JobRequest r) {
        return r.maxAttempts() == 0 ? settings.maxAttempts() : r.maxAttempts();
    }

    /** When the request may first run: its {@code runAt}, or now. */
    private static long scheduledAt(JobRequest r, long now) {
        return r.runAt() == null ? now : r.runAt().toEpochMilli();
    }
}
