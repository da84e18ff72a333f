package io.scribehook.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * Jdbi's connection source: the pool, except on a writer thread that has pinned its own connection
 * (so handles opened there carry every mapper and plugin registered on {@link Database#jdbi()}).
 */
final class StoreConnections implements ConnectionFactory {
    private final DataSource pool;
    private final ThreadLocal<Connection> pinned = new ThreadLocal<>();
    private volatile Connection dedicated;

    StoreConnections(DataSource pool) {
        this.pool = pool;
    }

    DataSource pool() {
        return pool;
    }

    /** The SQLite writer's own connection, never closed by a handle. */
    void dedicated(Connection c) {
        this.dedicated = c;
    }

    /** The connection a writer batch runs on: the SQLite writer's own, or one from the pool. */
    Connection writerConnection() throws SQLException {
        Connection c = dedicated;
        return c != null ? c : pool.getConnection();
    }

    /** Tells the pool not to hand out {@code c} again (it is closed when returned). */
    void evict(Connection c) {
        if (pool instanceof com.zaxxer.hikari.HikariDataSource hikari) {
            try {
                hikari.evictConnection(c);
            } catch (RuntimeException ignored) {
                // the pool may be closing
            }
        }
    }

    void pin(Connection c) {
        pinned.set(c);
    }

    void unpin() {
        pinned.remove();
    }

    @Override
    public Connection openConnection() throws SQLException {
        Connection c = pinned.get();
        return c != null ? c : pool.getConnection();
    }

    @Override
    public void closeConnection(Connection c) throws SQLException {
        if (c != dedicated) {
            c.close();
        }
    }
}
