package io.scribehook.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * An open database: migrated schema, connection pool, {@link Jdbi}, the group-commit
 * {@link #writer()} and commit-time {@link #notifications()}.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=FULL}, a busy timeout and foreign keys, set on
 * every connection; all writes should go through {@link #writer()}, which owns the only writing
 * connection. PostgreSQL uses a pool and a few writer threads.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** Upper bound of {@link #readiness()}. */
    public static final Duration READINESS_TIMEOUT = Duration.ofSeconds(2);
    /** How often the SQLite write-ahead log is copied back into the database file. */
    static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(500);

    private final DatabaseSettings settings;
    private final Dialect dialect;
    private final HikariDataSource pool;
    private final Connection sqliteWriter;
    private final SqliteStatementCache statementCache;
    private final SqliteCheckpointer checkpointer;
    private final Jdbi jdbi;
    private final GroupCommitter writer;
    private final Notifications notifications;
    private final Map<String, String> schemaVersions;
    private final List<ModuleSchema> schemas;
    private final Map<Class<?>, Object> components = new LinkedHashMap<>();
    private volatile boolean closed;

    private Database(
            DatabaseSettings settings,
            HikariDataSource pool,
            Connection sqliteWriter,
            SqliteCheckpointer checkpointer,
            List<ModuleSchema> schemas,
            Map<String, String> schemaVersions) {
        this.settings = settings;
        this.checkpointer = checkpointer;
        this.dialect = settings.dialect();
        this.pool = pool;
        this.sqliteWriter = sqliteWriter;
        this.schemas = schemas;
        this.schemaVersions = Map.copyOf(schemaVersions);
        StoreConnections connections = new StoreConnections(pool);
        if (sqliteWriter != null) {
            connections.dedicated(sqliteWriter);
        }
        this.jdbi = Jdbi.create(connections);
        this.statementCache = sqliteWriter == null ? null : new SqliteStatementCache(sqliteWriter);
        if (statementCache != null) {
            jdbi.setStatementBuilderFactory(statementCache);
        }
        this.notifications = new Notifications(dialect, settings);
        if (dialect == Dialect.SQLITE) {
            this.writer =
                    new GroupCommitter(dialect, jdbi, connections, settings.writeTimeout(), 1, "scribehook-sqlite");
        } else {
            this.writer = new GroupCommitter(
                    dialect, jdbi, connections, settings.writeTimeout(), settings.writerThreads(), "scribehook-pg");
        }
        writer.start();
        if (checkpointer != null) {
            checkpointer.start();
        }
    }

    /**
     * Opens (and creates, for SQLite) the database and applies the migrations of the queue and of
     * every module that announces a {@link ModuleSchema}, each from its own location and into its
     * own history table.
     *
     * @throws StoreException with a one-line reason when it cannot be opened or migrated
     */
    public static Database open(DatabaseSettings settings) {
        return open(settings, Database.class.getClassLoader());
    }

    /** {@link #open(DatabaseSettings)} with the module schemas announced to {@code loader}. */
    static Database open(DatabaseSettings settings, ClassLoader loader) {
        Dialect dialect = settings.dialect();
        String where = settings.redactedUrl();
        Path file = settings.sqliteFile();
        if (dialect == Dialect.SQLITE && file == null) {
            throw new StoreException("cannot open database " + where
                    + ": in-memory SQLite is not supported (each connection would see its own database); use a file");
        }
        if (file != null && file.toAbsolutePath().getParent() != null) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new StoreException(
                        "cannot create the folder of the SQLite database " + file + ": " + SqlErrors.rootMessage(e), e);
            }
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari(settings));
        } catch (RuntimeException e) {
            throw new StoreException("cannot open database " + where + ": " + oneLine(e), e);
        }
        Connection sqliteWriter = null;
        SqliteCheckpointer checkpointer = null;
        try {
            List<ModuleSchema> schemas = SchemaMigrator.discover(loader);
            Map<String, String> versions = SchemaMigrator.migrate(pool, dialect, where, schemas, loader);
            if (dialect == Dialect.SQLITE) {
                sqliteWriter = openSqliteWriter(settings);
                checkpointer = new SqliteCheckpointer(
                        settings.jdbcUrl(), sqliteConfig(settings).toProperties(), CHECKPOINT_INTERVAL);
            }
            Database db = new Database(settings, pool, sqliteWriter, checkpointer, schemas, versions);
            log.info("database {} open ({}, schema {})", where, dialect, db.schemaVersion());
            return db;
        } catch (StoreException e) {
            pool.close();
            throw e;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(sqliteWriter);
            if (checkpointer != null) {
                checkpointer.close();
            }
            pool.close();
            throw new StoreException("cannot open database " + where + ": " + oneLine(e), e);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Dialect dialect() {
        return dialect;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** The connection pool (for reads; writes go through {@link #writer()}). */
    public DataSource dataSource() {
        return pool;
    }

    /** The group-commit write path. */
    public GroupCommitter writer() {
        return writer;
    }

    /** Commit-time notifications (LISTEN/NOTIFY on PostgreSQL, in-process on SQLite). */
    public Notifications notifications() {
        return notifications;
    }

    /**
     * Runs {@code work} on a pooled connection in auto-commit mode: for reads, and on PostgreSQL
     * for single statements that need no group commit. A lost or unreachable database surfaces as
     * {@link StoreUnavailableException}.
     */
    public <T> T withHandle(HandleCallback<T, ? extends Exception> work) {
        try {
            return jdbi.withHandle(work::withHandle);
        } catch (RuntimeException e) {
            if (SqlErrors.connectionLost(e)) {
                throw new StoreUnavailableException("database unreachable: " + oneLine(e), e);
            }
            throw e;
        } catch (Exception e) {
            if (SqlErrors.connectionLost(e)) {
                throw new StoreUnavailableException("database unreachable: " + oneLine(e), e);
            }
            throw new StoreException("database work failed: " + oneLine(e), e);
        }
    }

    /** Each module's schema version as this instance migrated it (or found it) when it opened: {@code store 4, receiver 3}. */
    public String schemaVersion() {
        StringBuilder sb = new StringBuilder();
        for (ModuleSchema s : schemas) {
            sb.append(sb.isEmpty() ? "" : ", ").append(s.module()).append(' ').append(schemaVersions.get(s.module()));
        }
        return sb.toString();
    }

    /**
     * One instance of {@code type} per database, made by {@code factory} on first use and closed
     * with the database when it is {@link AutoCloseable}. Lets components that must be shared by
     * everyone using this database (such as job wake-ups) find each other.
     */
    public <T> T component(Class<T> type, Function<Database, ? extends T> factory) {
        synchronized (components) {
            if (closed) {
                throw new StoreException("the database is closed");
            }
            Object existing = components.get(type);
            if (existing == null) {
                existing = factory.apply(this);
                components.put(type, existing);
            }
            return type.cast(existing);
        }
    }

    /** For {@code /readyz}: never throws, answers within {@link #READINESS_TIMEOUT}. */
    public Readiness readiness() {
        if (closed) {
            return new Readiness(false, false, "database closed");
        }
        CompletableFuture<Readiness> probe = new CompletableFuture<>();
        Thread.ofVirtual().name("scribehook-readiness").start(() -> {
            try {
                probe.complete(probe());
            } catch (Throwable t) {
                probe.complete(new Readiness(false, false, "database unreachable: " + oneLine(t)));
            }
        });
        try {
            return probe.get(READINESS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Readiness(
                    false, false, "database did not answer within " + READINESS_TIMEOUT.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Readiness(false, false, "interrupted");
        } catch (ExecutionException e) {
            return new Readiness(false, false, "database unreachable: " + oneLine(e.getCause()));
        }
    }

    private Readiness probe() throws SQLException {
        try (Connection c = pool.getConnection()) {
            StringBuilder found = new StringBuilder();
            List<String> behind = new ArrayList<>();
            for (ModuleSchema schema : schemas) {
                String version = latestVersion(c, schema.historyTable());
                found.append(found.isEmpty() ? "" : ", ")
                        .append(schema.module())
                        .append(' ')
                        .append(version);
                if (!String.valueOf(schemaVersions.get(schema.module())).equals(version)) {
                    behind.add(schema.module() + " expected " + schemaVersions.get(schema.module()));
                }
            }
            String detail = dialect.name().toLowerCase(Locale.ROOT) + " schema " + found
                    + (behind.isEmpty() ? "" : " (" + String.join(", ", behind) + ")");
            return new Readiness(true, behind.isEmpty(), detail);
        }
    }

    private static String latestVersion(Connection c, String historyTable) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version FROM " + historyTable
                + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            s.setQueryTimeout((int) Math.max(1, READINESS_TIMEOUT.toSeconds()));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : "none";
            }
        }
    }

    @Override
    public void close() {
        List<Object> toClose;
        synchronized (components) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(components.values());
            components.clear();
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            if (toClose.get(i) instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    log.warn("closing {}: {}", c.getClass().getSimpleName(), e.toString());
                }
            }
        }
        notifications.close();
        writer.close();
        if (statementCache != null) {
            statementCache.clear();
        }
        closeQuietly(sqliteWriter);
        if (checkpointer != null) {
            checkpointer.close();
        }
        pool.close();
    }

    public boolean isClosed() {
        return closed;
    }

    /** WAL frames the SQLite checkpointer has copied into the database file; 0 on PostgreSQL. */
    long checkpointedFrames() {
        return checkpointer == null ? 0 : checkpointer.framesCopied();
    }

    /** Statements the SQLite writer has prepared; 0 on PostgreSQL. For tests of statement reuse. */
    long writerPrepares() {
        return statementCache == null ? 0 : statementCache.prepares();
    }

    @Override
    public String toString() {
        return "Database[" + settings.redactedUrl() + "]";
    }

    // ---------------------------------------------------------------- opening

    /** The pragmas set on every SQLite connection. */
    static SQLiteConfig sqliteConfig(DatabaseSettings s) {
        SQLiteConfig c = new SQLiteConfig();
        c.setJournalMode(SQLiteConfig.JournalMode.WAL);
        c.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        c.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, s.writeTimeout().toMillis()));
        c.enforceForeignKeys(true);
        c.setGetGeneratedKeys(false); // ids come back through RETURNING; this skips a second statement per INSERT
        c.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, "0"); // the SqliteCheckpointer does it off the commit path
        return c;
    }

    private static HikariConfig hikari(DatabaseSettings s) {
        HikariConfig h = new HikariConfig();
        h.setJdbcUrl(s.jdbcUrl());
        h.setMaximumPoolSize(s.maxPoolSize());
        h.setMinimumIdle(Math.min(2, s.maxPoolSize()));
        h.setConnectionTimeout(Math.max(250, s.writeTimeout().toMillis()));
        h.setValidationTimeout(Math.max(250, Math.min(s.writeTimeout().toMillis(), 5_000)));
        if (s.dialect() == Dialect.SQLITE) {
            h.setPoolName("scribehook-sqlite");
            h.setDriverClassName("org.sqlite.JDBC");
            h.setDataSourceProperties(sqliteConfig(s).toProperties());
        } else {
            h.setPoolName("scribehook-pg");
            h.setDriverClassName("org.postgresql.Driver");
            h.addDataSourceProperty("ApplicationName", "scribehook");
            h.addDataSourceProperty("tcpKeepAlive", "true");
            h.addDataSourceProperty(
                    "connectTimeout",
                    String.valueOf(Math.max(1, s.writeTimeout().toSeconds())));
            h.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return h;
    }

    private static Connection openSqliteWriter(DatabaseSettings s) throws SQLException {
        SQLiteConfig c = sqliteConfig(s);
        c.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Properties p = c.toProperties();
        return DriverManager.getConnection(s.jdbcUrl(), p);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }

    static String oneLine(Throwable t) {
        return SqlErrors.rootMessage(t).replaceAll("\\s*\\R\\s*", " ");
    }
}
