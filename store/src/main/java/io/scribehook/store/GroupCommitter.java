package io.scribehook.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path. {@link #write} hands a unit of database work to a writer thread and blocks until
 * the transaction holding it has committed. A writer drains every unit waiting at that moment into
 * one transaction, commits once and then releases all callers: many concurrent writers share one
 * fsync. A batch runs without savepoints first (each costs a statement, and on PostgreSQL a round
 * trip); if a unit fails, the batch rolls back and runs again with each unit in its own savepoint,
 * so a failing unit rolls back alone and its caller gets the exception. SQLite has one writer with
 * its own connection; PostgreSQL has {@link DatabaseSettings#writerThreads()} writers on pooled
 * connections.
 *
 * <p>Units must be database work only: they may run again when the connection is lost before the
 * commit, and they must not block on anything but the handle they are given.
 */
public final class GroupCommitter {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);
    private static final int MAX_BATCH = 512;

    private final Duration writeTimeout;
    private final String name;
    private final WriterTransaction transaction;
    private final BlockingQueue<WriteUnit> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong unitsCommitted = new AtomicLong();
    private final AtomicLong unitsFailed = new AtomicLong();
    private final AtomicLong largestBatch = new AtomicLong();
    private volatile boolean closed;

    GroupCommitter(
            Dialect dialect, Jdbi jdbi, StoreConnections connections, Duration writeTimeout, int writers, String name) {
        this.writeTimeout = writeTimeout;
        this.name = name;
        this.transaction = new WriterTransaction(dialect, jdbi, connections, writeTimeout, name);
        for (int i = 0; i < writers; i++) {
            threads.add(Thread.ofPlatform().daemon().name(name + "-writer-" + i).unstarted(this::loop));
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    /**
     * Runs {@code work} inside a shared transaction and returns its result once that transaction has
     * committed. Called from inside a unit (on the writer thread) it runs inline, in the caller's
     * transaction.
     *
     * @throws StoreUnavailableException when the database did not commit within the write timeout
     * @throws RuntimeException          whatever {@code work} threw (checked exceptions wrapped in
     *                                   {@link StoreException})
     */
    @SuppressWarnings("unchecked")
    public <T> T write(HandleCallback<T, ? extends Exception> work) {
        WriteUnit running = WriteUnit.current();
        if (running != null) {
            try {
                return work.withHandle(running.handle());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new StoreException("write failed: " + SqlErrors.rootMessage(e), e);
            }
        }
        if (closed) {
            throw new StoreException("the database is closed");
        }
        long deadline = System.nanoTime() + writeTimeout.toNanos();
        WriteUnit unit = new WriteUnit(work, deadline);
        queue.add(unit);
        if (closed && unit.cancel()) {
            throw new StoreException("the database is closed");
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return (T) unit.done.get(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    if (unit.cancel()) {
                        Thread.currentThread().interrupt();
                        throw new StoreException("interrupted while waiting for a commit");
                    }
                    interrupted = true; // a writer has it: its outcome must reach us
                } catch (TimeoutException e) {
                    unit.cancel();
                    throw unavailable(unit);
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException r) {
                        throw r;
                    }
                    if (c instanceof Error err) {
                        throw err;
                    }
                    throw new StoreException("write failed: " + SqlErrors.rootMessage(c), c);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Runs {@code action} after the transaction of {@code h} commits: on a writer handle, after the
     * group commit and only if the unit that registered it succeeded; on any other handle in a
     * transaction, through Jdbi's {@link Handle#afterCommit}; on an auto-commit handle, now.
     */
    public static void afterCommit(Handle h, Runnable action) {
        WriteUnit running = WriteUnit.current();
        if (running != null && running.handle() == h) {
            running.onCommit(action);
        } else if (h.isInTransaction()) {
            h.afterCommit(action);
        } else {
            action.run();
        }
    }

    /** Whether the calling thread is running a unit (its handle is a writer handle). */
    public static boolean inWriter() {
        return WriteUnit.current() != null;
    }

    /** Transactions committed. */
    public long commits() {
        return commits.get();
    }

    /** Units committed; {@code unitsCommitted() / commits()} is the mean group size. */
    public long unitsCommitted() {
        return unitsCommitted.get();
    }

    /** Units whose callers got an exception. */
    public long unitsFailed() {
        return unitsFailed.get();
    }

    /** The most units ever committed together. */
    public long largestBatch() {
        return largestBatch.get();
    }

    /** Number of writer threads. */
    public int writerThreads() {
        return threads.size();
    }

    /** Units waiting for a writer. */
    public int pending() {
        return queue.size();
    }

    /** Stops accepting work and lets the writers finish what is queued (bounded by the write timeout). */
    void close() {
        closed = true;
        long deadline = System.nanoTime() + writeTimeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        for (Thread t : threads) {
            try {
                t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.forEach(Thread::interrupt);
        WriteUnit u;
        while ((u = queue.poll()) != null) {
            u.fail(new StoreException("the database is closed"));
        }
    }

    private void loop() {
        List<WriteUnit> batch = new ArrayList<>();
        while (true) {
            WriteUnit first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                if (closed) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                process(batch);
            } catch (RuntimeException | Error e) {
                log.error("{}: writer failed unexpectedly", name, e);
                for (WriteUnit unit : batch) {
                    unit.fail(new StoreException("write failed: " + SqlErrors.rootMessage(e), e));
                }
            }
            batch.clear();
        }
    }

    private void process(List<WriteUnit> batch) {
        List<WriteUnit> live = new ArrayList<>(batch.size());
        for (WriteUnit u : batch) {
            if (u.take()) {
                live.add(u);
            }
        }
        while (!live.isEmpty()) {
            WriterTransaction.Outcome outcome;
            try {
                outcome = transaction.run(live, false);
            } catch (WriterTransaction.Redo redo) {
                outcome = transaction.run(live, true);
            }
            if (outcome.committed() > 0) {
                commits.incrementAndGet();
                unitsCommitted.addAndGet(outcome.committed());
                largestBatch.accumulateAndGet(outcome.committed(), Math::max);
            }
            unitsFailed.addAndGet(outcome.failed());
            outcome.toRelease().forEach(WriteUnit::finish);
            live = new ArrayList<>(outcome.retry().size());
            long now = System.nanoTime();
            for (WriteUnit u : outcome.retry()) {
                if (now - u.deadline >= 0) {
                    u.fail(unavailable(u));
                    unitsFailed.incrementAndGet();
                } else {
                    live.add(u);
                }
            }
            if (!live.isEmpty()) {
                pause(Math.min(200, writeTimeout.toMillis() / 10));
            }
        }
    }

    private StoreUnavailableException unavailable(WriteUnit u) {
        return new StoreUnavailableException(
                "the database did not commit within " + writeTimeout.toMillis() + " ms" + u.lastProblem());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(Math.max(10, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
