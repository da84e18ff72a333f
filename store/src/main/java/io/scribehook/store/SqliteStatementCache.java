package io.scribehook.store;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps the SQLite writer's prepared statements between uses (sqlite-jdbc prepares every statement
 * afresh; the queue's statements are the same few thousand times a second). A statement is checked
 * out while in use, so nested use of the same SQL gets a second, uncached one. Statements are kept
 * under the SQL they were prepared from: Jdbi hands {@code close} the SQL as written (with named
 * parameters), not the rendered SQL it asked {@code create} for. Other connections
 * get Jdbi's default builder.
 */
final class SqliteStatementCache implements StatementBuilderFactory {
    private static final int CAPACITY = 64;

    private final Connection writer;
    private final Builder builder = new Builder();
    private final AtomicLong prepares = new AtomicLong();

    SqliteStatementCache(Connection writer) {
        this.writer = writer;
    }

    @Override
    public StatementBuilder createStatementBuilder(Connection conn) {
        return conn == writer ? builder : DefaultStatementBuilder.FACTORY.createStatementBuilder(conn);
    }

    /** Statements this cache has prepared (a reuse does not count). */
    long prepares() {
        return prepares.get();
    }

    /** Closes every idle cached statement. */
    void clear() {
        builder.clear();
    }

    private final class Builder implements StatementBuilder {
        private final DefaultStatementBuilder plain = new DefaultStatementBuilder();
        private final Map<String, PreparedStatement> idle = new LinkedHashMap<>(CAPACITY, 0.75f, true);
        private final Map<PreparedStatement, String> checkedOut = new IdentityHashMap<>();

        @Override
        public Statement create(Connection conn, StatementContext ctx) throws SQLException {
            return plain.create(conn, ctx);
        }

        @Override
        public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
            if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) {
                return plain.create(conn, sql, ctx);
            }
            synchronized (idle) {
                PreparedStatement cached = idle.remove(sql);
                if (cached != null && !cached.isClosed()) {
                    checkedOut.put(cached, sql);
                    return cached;
                }
            }
            prepares.incrementAndGet();
            PreparedStatement fresh =
                    conn.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            synchronized (idle) {
                checkedOut.put(fresh, sql);
            }
            return fresh;
        }

        @Override
        public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
            return plain.createCall(conn, sql, ctx);
        }

        @Override
        public void close(Connection conn, String rawSql, Statement stmt) throws SQLException {
            String sql;
            synchronized (idle) {
                sql = stmt instanceof PreparedStatement ? checkedOut.remove(stmt) : null;
            }
            if (!(stmt instanceof PreparedStatement ps) || sql == null || stmt.isClosed()) {
                plain.close(conn, rawSql, stmt);
                return;
            }
            ps.clearParameters();
            PreparedStatement evicted = null;
            synchronized (idle) {
                if (idle.putIfAbsent(sql, ps) != null) {
                    evicted = ps; // an equal one is already idle
                } else if (idle.size() > CAPACITY) {
                    Iterator<PreparedStatement> eldest = idle.values().iterator();
                    evicted = eldest.next();
                    eldest.remove();
                }
            }
            if (evicted != null) {
                evicted.close();
            }
        }

        @Override
        public void close(Connection conn) {
            // cached statements outlive handles; they are closed with the writer's connection
        }

        void clear() {
            synchronized (idle) {
                for (PreparedStatement ps : idle.values()) {
                    try {
                        ps.close();
                    } catch (SQLException ignored) {
                        // closing anyway
                    }
                }
                idle.clear();
            }
        }
    }
}
