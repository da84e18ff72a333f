package io.scribehook.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach the database.
 *
 * @param jdbcUrl       {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://host:port/db?user=...}
 * @param maxPoolSize   connections in the read/write pool (the SQLite writer has its own connection)
 * @param writeTimeout  how long {@link GroupCommitter#write} waits for a commit before giving up with
 *                      {@link StoreUnavailableException}; also SQLite's busy timeout
 * @param writerThreads writer threads of the {@link GroupCommitter} on PostgreSQL (SQLite always has one)
 */
public record DatabaseSettings(String jdbcUrl, int maxPoolSize, Duration writeTimeout, int writerThreads) {
    public static final int DEFAULT_POOL_SIZE = 10;
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_WRITER_THREADS = 2;

    private static final Pattern SECRET = Pattern.compile("(?i)(password=)[^&;]*|(//[^/@:]*:)[^/@]*@");

    public DatabaseSettings {
        Dialect.fromUrl(jdbcUrl);
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize " + maxPoolSize + " is not allowed; use 1 or more");
        }
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        if (writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "writeTimeout " + writeTimeout + " is not allowed; use a positive duration");
        }
        if (writerThreads < 1) {
            throw new IllegalArgumentException("writerThreads " + writerThreads + " is not allowed; use 1 or more");
        }
    }

    /** Settings with the default number of writer threads. */
    public DatabaseSettings(String jdbcUrl, int maxPoolSize, Duration writeTimeout) {
        this(jdbcUrl, maxPoolSize, writeTimeout, DEFAULT_WRITER_THREADS);
    }

    /** An SQLite database in {@code file} (its folder is created on open). */
    public static DatabaseSettings sqlite(Path file) {
        return of("jdbc:sqlite:" + file.toAbsolutePath().normalize());
    }

    /**
     * Settings for a JDBC URL with default pool size, write timeout and writer threads.
     *
     * @throws IllegalArgumentException when the URL is neither SQLite nor PostgreSQL
     */
    public static DatabaseSettings of(String jdbcUrl) {
        return new DatabaseSettings(jdbcUrl, DEFAULT_POOL_SIZE, DEFAULT_WRITE_TIMEOUT, DEFAULT_WRITER_THREADS);
    }

    public Dialect dialect() {
        return Dialect.fromUrl(jdbcUrl);
    }

    public DatabaseSettings withMaxPoolSize(int n) {
        return new DatabaseSettings(jdbcUrl, n, writeTimeout, writerThreads);
    }

    public DatabaseSettings withWriteTimeout(Duration d) {
        return new DatabaseSettings(jdbcUrl, maxPoolSize, d, writerThreads);
    }

    public DatabaseSettings withWriterThreads(int n) {
        return new DatabaseSettings(jdbcUrl, maxPoolSize, writeTimeout, n);
    }

    /** The URL with any password removed, for messages and logs. */
    public String redactedUrl() {
        return redact(jdbcUrl);
    }

    /** The SQLite file named by the URL, or null for PostgreSQL and in-memory databases. */
    public Path sqliteFile() {
        if (dialect() != Dialect.SQLITE) {
            return null;
        }
        String rest = jdbcUrl.substring(Dialect.SQLITE.urlPrefix().length());
        int q = rest.indexOf('?');
        if (q >= 0) {
            rest = rest.substring(0, q);
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        if (rest.isEmpty() || rest.startsWith(":memory:") || rest.contains("mode=memory")) {
            return null;
        }
        return Path.of(rest);
    }

    static String redact(String url) {
        return url == null ? "null" : SECRET.matcher(url).replaceAll(m -> m.group(1) != null ? "$1***" : "$2***@");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + redactedUrl() + ", pool " + maxPoolSize + ", writeTimeout " + writeTimeout
                + ", writerThreads " + writerThreads + "]";
    }
}
