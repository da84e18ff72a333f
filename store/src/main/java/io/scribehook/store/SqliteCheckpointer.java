package io.scribehook.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the SQLite write-ahead log back into the database file on its own thread and connection,
 * so that the writer's commits never pay for a checkpoint (SQLite's automatic checkpoint, turned
 * off on every connection, runs inside the commit that crosses the threshold). Only passive
 * checkpoints, which take no lock a writer needs: a truncating one at close could hold up the
 * writer of another process using the same file (a CLI command next to {@code serve}). SQLite
 * itself checkpoints and removes the log when the last connection to the file closes.
 */
final class SqliteCheckpointer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqliteCheckpointer.class);

    private final Connection connection;
    private final Duration interval;
    private final Thread thread;
    private final AtomicLong checkpoints = new AtomicLong();
    private final AtomicLong framesCopied = new AtomicLong();
    private volatile boolean closed;

    SqliteCheckpointer(String jdbcUrl, Properties properties, Duration interval) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl, properties);
        this.interval = interval;
        this.thread = Thread.ofPlatform().daemon().name("scribehook-sqlite-checkpoint").unstarted(this::loop);
    }

    SqliteCheckpointer start() {
        thread.start();
        return this;
    }

    /** Checkpoints run. */
    long checkpoints() {
        return checkpoints.get();
    }

    /** WAL frames copied into the database file. */
    long framesCopied() {
        return framesCopied.get();
    }

    /** Runs one checkpoint now; returns the frames it copied. */
    synchronized long checkpoint(String mode) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            long copied = rs.next() ? Math.max(0, rs.getLong(3)) : 0;
            checkpoints.incrementAndGet();
            framesCopied.addAndGet(copied);
            return copied;
        }
    }

    private void loop() {
        long failures = 0;
        while (!closed) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            try {
                checkpoint("PASSIVE");
                failures = 0;
            } catch (SQLException e) {
                if (closed) {
                    return;
                }
                if (failures++ % 60 == 0) {
                    log.warn("WAL checkpoint failed (will retry every {} ms): {}", interval.toMillis(), SqlErrors.rootMessage(e));
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            checkpoint("PASSIVE");
        } catch (SQLException e) {
            log.debug("final WAL checkpoint: {}", SqlErrors.rootMessage(e));
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}
