package io.scribehook.store.testing;

import io.scribehook.store.Database;
import io.scribehook.store.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL database of its own for a test: {@code scribehook_t_<random>} created from
 * {@code template0} on 127.0.0.1:5432 as user {@code postgres} (override with the system properties
 * or environment variables {@code SCRIBEHOOK_TEST_PG_HOST} / {@code _PORT} / {@code _USER}), dropped
 * by {@link #close()} together with every {@link Database} opened through it.
 *
 * <p>When PostgreSQL cannot be reached the test is aborted (reported as skipped, with the reason);
 * with {@code CI=true} it fails instead.
 */
public final class PostgresTestDatabase implements AutoCloseable {
    public static final String HOST = setting("SCRIBEHOOK_TEST_PG_HOST", "127.0.0.1");
    public static final int PORT = Integer.parseInt(setting("SCRIBEHOOK_TEST_PG_PORT", "5432"));
    public static final String USER = setting("SCRIBEHOOK_TEST_PG_USER", "postgres");

    private final String name;
    private final List<Database> opened = new ArrayList<>();

    private PostgresTestDatabase(String name) {
        this.name = name;
    }

    /** Creates the database, or aborts (fails with {@code CI=true}) when PostgreSQL is unreachable. */
    public static PostgresTestDatabase create() {
        String name = "scribehook_t_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = admin();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
        } catch (SQLException e) {
            unreachable(e);
        }
        return new PostgresTestDatabase(name);
    }

    /** Whether PostgreSQL answers at {@link #HOST}:{@link #PORT}. */
    public static boolean reachable() {
        try (Connection c = admin()) {
            return c.isValid(3);
        } catch (SQLException e) {
            return false;
        }
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return jdbcUrl(HOST, PORT);
    }

    /** The URL of this database through another address, such as a {@link TcpProxy}. */
    public String jdbcUrl(String host, int port) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name + "?user=" + USER;
    }

    public DatabaseSettings settings() {
        return DatabaseSettings.of(jdbcUrl()).withMaxPoolSize(4);
    }

    /** Opens (and migrates) a {@link Database} on it; closed by {@link #close()}. */
    public Database open() {
        return open(settings());
    }

    public Database open(DatabaseSettings s) {
        Database db = Database.open(s);
        synchronized (opened) {
            opened.add(db);
        }
        return db;
    }

    /** Runs SQL as the admin user in this database (for test setup such as TRUNCATE). */
    public void execute(String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        synchronized (opened) {
            for (Database db : opened) {
                db.close();
            }
            opened.clear();
        }
        try (Connection c = admin();
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop test database " + name + ": " + e.getMessage());
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres?user=" + USER
                + "&connectTimeout=3&ApplicationName=scribehook-tests");
    }

    private static void unreachable(SQLException e) {
        String why = "PostgreSQL not reachable at " + HOST + ":" + PORT + ": " + e.getMessage()
                + " (set CI=true to make this fail)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(
                    why.replace(" (set CI=true to make this fail)", " (CI=true: PostgreSQL is required)"), e);
        }
        Assumptions.abort(why);
    }

    private static String setting(String name, String fallback) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            v = System.getenv(name);
        }
        return v == null || v.isBlank() ? fallback : v;
    }
}
