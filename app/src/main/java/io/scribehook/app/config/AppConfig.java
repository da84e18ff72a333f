package io.scribehook.app.config;

import io.scribehook.core.config.ConfigException;
import io.scribehook.core.config.ConfigKey;
import io.scribehook.core.config.ConfigSource;
import io.scribehook.store.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The validated settings of one Scribehook process. Built once at start-up; every problem is a
 * {@link ConfigException} naming the key.
 *
 * @param source the merged values, for modules that read keys of their own
 */
public record AppConfig(
        String httpHost,
        int httpPort,
        Path dataDir,
        String databaseUrl,
        Set<Role> roles,
        Optional<String> adminToken,
        boolean adminAuth,
        LogFormat logFormat,
        Duration jobPollInterval,
        Duration jobRetention,
        ConfigSource source) {

    public static final String SQLITE_FILE = "scribehook.db";

    public static AppConfig from(ConfigSource c) {
        int port = c.integer(ConfigKey.HTTP_PORT, 8080, 0, 65535);
        String host = ListenHost.parse(c.string(ConfigKey.HTTP_HOST, ListenHost.DEFAULT));
        Path dataDir =
                Path.of(c.string(ConfigKey.DATA_DIR, "./data")).toAbsolutePath().normalize();
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new ConfigException(
                    ConfigKey.DATA_DIR.key(),
                    dataDir.toString(),
                    "exists and is not a directory; expected a directory (created on first start)");
        }
        String url = c.raw(ConfigKey.DATABASE_URL).orElse("jdbc:sqlite:" + dataDir.resolve(SQLITE_FILE));
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException(
                    ConfigKey.DATABASE_URL.key(),
                    url,
                    "expected a jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB URL");
        }
        if (url.startsWith("jdbc:sqlite:") && DatabaseSettings.of(url).sqliteFile() == null) {
            throw new ConfigException(
                    ConfigKey.DATABASE_URL.key(),
                    url,
                    "in-memory SQLite is not supported (each connection would see its own database); name a file");
        }
        Set<Role> roles = roles(c);
        String format = c.choice(ConfigKey.LOG_FORMAT, "text", "text", "json");
        Optional<String> token = c.raw(ConfigKey.ADMIN_TOKEN);
        if (token.isPresent() && token.get().length() < 16) {
            throw new ConfigException(
                    ConfigKey.ADMIN_TOKEN.key(),
                    "(" + token.get().length() + " characters, not shown)",
                    "expected at least 16 characters");
        }
        Duration poll = c.duration(ConfigKey.JOB_POLL_INTERVAL, Duration.ofSeconds(1));
        if (poll.isZero()) {
            throw new ConfigException(
                    ConfigKey.JOB_POLL_INTERVAL.key(), "0", "expected a positive duration such as 1s");
        }
        Duration jobRetention = c.duration(ConfigKey.JOB_RETENTION, Duration.ofDays(7));
        if (jobRetention.isZero()) {
            throw new ConfigException(
                    ConfigKey.JOB_RETENTION.key(),
                    c.raw(ConfigKey.JOB_RETENTION).orElse("0"),
                    "expected a positive duration such as 7d");
        }
        return new AppConfig(
                host,
                port,
                dataDir,
                url,
                roles,
                token,
                c.onOff(ConfigKey.ADMIN_AUTH, true),
                LogFormat.valueOf(format.toUpperCase(Locale.ROOT)),
                poll,
                jobRetention,
                c);
    }

    private static Set<Role> roles(ConfigSource c) {
        List<String> names = c.list(ConfigKey.ROLES, List.of("receiver", "hub"));
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String n : names) {
            try {
                roles.add(Role.valueOf(n.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        ConfigKey.ROLES.key(),
                        String.join(",", names),
                        "'" + n + "' is not a role; expected a comma-separated subset of receiver,hub");
            }
        }
        if (roles.isEmpty()) {
            throw new ConfigException(ConfigKey.ROLES.key(), "", "expected a comma-separated subset of receiver,hub");
        }
        return Set.copyOf(roles);
    }

    /** Whether {@link #httpHost} is the wildcard address ({@code 0.0.0.0} or {@code ::}). */
    public boolean listensOnAllInterfaces() {
        return ListenHost.isWildcard(httpHost);
    }

    /** The SQLite file of the database, or null for PostgreSQL. */
    public Path sqliteFile() {
        return isSqlite()
                ? DatabaseSettings.of(databaseUrl).sqliteFile().toAbsolutePath().normalize()
                : null;
    }

    /** The database URL with any password removed, for messages. */
    public String redactedDatabaseUrl() {
        return DatabaseSettings.of(databaseUrl).redactedUrl();
    }

    public boolean isSqlite() {
        return databaseUrl.startsWith("jdbc:sqlite:");
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
