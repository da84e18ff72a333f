package io.scribehook.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transaction over a batch of {@link WriteUnit}s: run each (in a savepoint, or optimistically
 * without), commit once, then release the callers. Returns the units to run again on a fresh
 * connection when the connection was lost before the commit.
 */
final class WriterTransaction {
    private static final Logger log = LoggerFactory.getLogger(WriterTransaction.class);
    private static final int MAX_CONFLICT_RETRIES = 3;
    private static final Executor DIRECT = Runnable::run; // pgjdbc ignores it

    /** A unit failed in a batch run without savepoints: run the batch again with them. */
    static final class Redo extends RuntimeException {
        Redo() {
            super(null, null, false, false);
        }
    }

    private static final class LostConnection extends RuntimeException {
        LostConnection(Throwable cause) {
            super(cause);
        }
    }

    /**
     * What a finished transaction adds to the counters. {@code toRelease} are the units whose
     * callers still wait after a commit: the committer counts first and releases them then, so a
     * caller that returned always finds its unit counted.
     */
    record Outcome(List<WriteUnit> retry, int committed, int failed, List<WriteUnit> toRelease) {
        Outcome(List<WriteUnit> retry, int committed, int failed) {
            this(retry, committed, failed, List.of());
        }

        static final Outcome NOTHING_TO_RETRY = new Outcome(List.of(), 0, 0);
    }

    private final Dialect dialect;
    private final Jdbi jdbi;
    private final StoreConnections connections;
    private final Duration writeTimeout;
    private final String name;

    WriterTransaction(Dialect dialect, Jdbi jdbi, StoreConnections connections, Duration writeTimeout, String name) {
        this.dialect = dialect;
        this.jdbi = jdbi;
        this.connections = connections;
        this.writeTimeout = writeTimeout;
        this.name = name;
    }

    /**
     * Runs {@code units} in one transaction.
     *
     * @throws Redo when {@code savepoints} is false and a unit failed (everything was rolled back)
     */
    Outcome run(List<WriteUnit> units, boolean savepoints) {
        Connection c;
        try {
            c = connections.writerConnection();
        } catch (SQLException | RuntimeException e) {
            String problem = SqlErrors.rootMessage(e);
            units.forEach(u -> u.problem = problem);
            log.warn("{}: no database connection: {}", name, problem);
            return new Outcome(units, 0, 0);
        }
        Handle h = null;
        boolean inTx = false;
        try {
            if (dialect == Dialect.POSTGRES) {
                c.setNetworkTimeout(DIRECT, (int) Math.min(Integer.MAX_VALUE, writeTimeout.toMillis()));
            }
            h = open(c);
            c.setAutoCommit(false);
            inTx = true;
            boolean multi = units.size() > 1;
            int ok = 0;
            for (WriteUnit u : units) {
                boolean fine = multi && !savepoints ? runOptimistic(h, u) : runUnit(h, c, u, multi);
                if (!fine && multi && !savepoints) {
                    rollback(c);
                    inTx = false;
                    units.forEach(x -> x.reset(null));
                    throw new Redo();
                }
                u.succeeded = fine;
                ok += fine ? 1 : 0;
            }
            if (ok == 0) {
                rollback(c);
                inTx = false;
            } else {
                try {
                    commit(c);
                    inTx = false;
                } catch (SQLException e) {
                    inTx = false;
                    String why = SqlErrors.rootMessage(e);
                    StoreException failure = SqlErrors.connectionLost(e)
                            ? new StoreUnavailableException(
                                    "commit outcome unknown, the connection was lost: " + why, e)
                            : new StoreException("commit failed: " + why, e);
                    units.forEach(u -> u.fail(failure));
                    return new Outcome(List.of(), 0, units.size());
                }
            }
            return new Outcome(List.of(), ok, units.size() - ok, units);
        } catch (Redo e) {
            throw e;
        } catch (LostConnection e) {
            return lost(units, c, e.getCause());
        } catch (SQLException | RuntimeException e) {
            if (SqlErrors.connectionLost(e)) {
                return lost(units, c, e);
            }
            String why = SqlErrors.rootMessage(e);
            StoreException failure = isBusy(e)
                    ? new StoreUnavailableException("the database is locked: " + why, e)
                    : new StoreException("write failed: " + why, e);
            units.forEach(u -> u.fail(failure));
            return new Outcome(List.of(), 0, units.size());
        } finally {
            if (inTx) {
                try {
                    rollback(c);
                } catch (SQLException ignored) {
                    // the connection is being discarded anyway
                }
            }
            if (h != null) {
                try {
                    h.close();
                } catch (RuntimeException e) {
                    log.debug("{}: closing handle: {}", name, e.toString());
                }
            }
            try {
                connections.closeConnection(c); // idempotent for pooled connections, a no-op for the SQLite writer
            } catch (SQLException ignored) {
                // nothing to do
            }
        }
    }

    private Handle open(Connection c) {
        connections.pin(c);
        try {
            return jdbi.open();
        } finally {
            connections.unpin();
        }
    }

    private Outcome lost(List<WriteUnit> units, Connection c, Throwable cause) {
        String problem = SqlErrors.rootMessage(cause);
        log.warn("{}: connection lost before commit, retrying {} unit(s): {}", name, units.size(), problem);
        units.forEach(u -> u.reset(problem));
        if (dialect == Dialect.POSTGRES) {
            connections.evict(c);
        }
        return new Outcome(units, 0, 0);
    }

    /** Runs a unit without a savepoint; false when it failed (the whole batch must run again). */
    private static boolean runOptimistic(Handle h, WriteUnit u) {
        try {
            u.run(h);
            return true;
        } catch (Throwable t) {
            if (SqlErrors.connectionLost(t)) {
                throw new LostConnection(t);
            }
            return false;
        }
    }

    /** Runs one unit, in its own savepoint when it shares the transaction; false when it failed. */
    private static boolean runUnit(Handle h, Connection c, WriteUnit u, boolean multi) throws SQLException {
        for (int tries = 0; ; tries++) {
            if (multi) {
                exec(c, "SAVEPOINT unit");
            }
            try {
                u.run(h);
                if (multi) {
                    exec(c, "RELEASE SAVEPOINT unit");
                }
                return true;
            } catch (Throwable t) {
                if (SqlErrors.connectionLost(t)) {
                    throw new LostConnection(t);
                }
                try {
                    if (multi) {
                        exec(c, "ROLLBACK TO SAVEPOINT unit");
                        exec(c, "RELEASE SAVEPOINT unit");
                    } else {
                        c.rollback();
                    }
                } catch (SQLException e) {
                    if (SqlErrors.connectionLost(e)) {
                        throw new LostConnection(e);
                    }
                    throw e;
                }
                u.failed(t);
                if (SqlErrors.transientConflict(t) && tries < MAX_CONFLICT_RETRIES) {
                    u.reset(null);
                    continue;
                }
                return false;
            }
        }
    }

    private void commit(Connection c) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            // sqlite-jdbc begins the next transaction eagerly after commit(); switching back to
            // auto-commit commits without holding the write lock until the next batch
            c.setAutoCommit(true);
        } else {
            c.commit();
            c.setAutoCommit(true);
        }
    }

    private static void rollback(Connection c) throws SQLException {
        c.rollback();
        c.setAutoCommit(true);
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static boolean isBusy(Throwable t) {
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && (m.contains("SQLITE_BUSY") || m.contains("database is locked"))) {
                return true;
            }
        }
        return false;
    }
}
