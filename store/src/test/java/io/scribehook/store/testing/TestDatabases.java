package io.scribehook.store.testing;

import io.scribehook.store.Database;
import io.scribehook.store.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fresh databases for tests. SQLite files live in new folders under {@code target/test-data}
 * (system property {@code scribehook.test.dir}, set by surefire); nothing touches {@code ./data}.
 */
public final class TestDatabases {
    private TestDatabases() {}

    /** The folder for test files: {@code scribehook.test.dir}, else {@code target/test-data}; created if missing. */
    public static Path testDir() {
        Path dir = Path.of(System.getProperty("scribehook.test.dir", "target/test-data"))
                .toAbsolutePath();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create test folder " + dir, e);
        }
    }

    /** A new, empty folder under {@link #testDir()}. */
    public static Path newFolder(String prefix) {
        try {
            return Files.createTempDirectory(testDir(), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder under " + testDir(), e);
        }
    }

    /** Settings for an SQLite file (not yet created) in a new folder. */
    public static DatabaseSettings sqliteSettings() {
        return DatabaseSettings.sqlite(newFolder("sqlite-").resolve("scribehook.db"));
    }

    /** An open, migrated SQLite database on a fresh file. Close it. */
    public static Database sqlite() {
        return Database.open(sqliteSettings());
    }
}
