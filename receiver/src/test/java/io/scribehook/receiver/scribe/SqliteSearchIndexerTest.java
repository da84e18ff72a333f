package io.scribehook.receiver.scribe;

import io.scribehook.store.Database;
import io.scribehook.store.DatabaseSettings;
import io.scribehook.store.testing.TestDatabases;
import java.time.Duration;

class SqliteSearchIndexerTest extends SearchIndexerContract {
    private DatabaseSettings settings;

    @Override
    Database openDatabase() {
        if (settings == null) {
            settings = TestDatabases.sqliteSettings();
        }
        return Database.open(settings);
    }

    /** Two pools on one SQLite file share no notifications: the second instance polls. */
    @Override
    Duration otherInstancePoll() {
        return Duration.ofMillis(100);
    }
}
