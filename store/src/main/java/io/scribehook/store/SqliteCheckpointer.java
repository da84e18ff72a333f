package io.scribehook.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r ->
            Thread.ofPlatform().daemon().name("scribehook-sqlite-checkpoint").unstarted(r));
    private final AtomicLong framesCopied = new AtomicLong();
    private long failures;

    SqliteCheckpointer(String jdbcUrl, Properties properties, Duration interval) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl, properties);
        this.interval = interval;
    }

    SqliteCheckpointer start() {
        scheduler.scheduleWithFixedDelay(
                this::checkpointQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** WAL frames copied into the database file. */
    long framesCopied() {
        return framesCopied.get();
    }

    private void checkpointQuietly() {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            framesCopied.addAndGet(rs.next() ? Math.max(0, rs.getLong(3)) : 0);
            failures = 0;
        } catch (SQLException e) {
            if (failures++ % 60 == 0) {
                log.warn(
                        "WAL checkpoint failed (will retry every {} ms): {}",
                        interval.toMillis(),
                        SqlErrors.rootMessage(e));
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                checkpointQuietly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}
