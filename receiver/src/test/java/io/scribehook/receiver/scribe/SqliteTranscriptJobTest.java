package io.scribehook.receiver.scribe;

import io.scribehook.store.Database;
import io.scribehook.store.DatabaseSettings;
import io.scribehook.store.testing.TestDatabases;
import java.nio.file.Path;

class SqliteTranscriptJobTest extends TranscriptJobContract {
    private Path folder;

    @Override
    Database openDatabase() {
        DatabaseSettings s = TestDatabases.sqliteSettings();
        folder = s.sqliteFile().getParent();
        return Database.open(s);
    }

    @Override
    Path databaseFolder() {
        return folder;
    }
}
