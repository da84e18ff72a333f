package io.scribehook.receiver.scribe;

import io.scribehook.store.Database;
import io.scribehook.store.testing.PostgresTestDatabase;
import java.nio.file.Path;

class PostgresTranscriptJobTest extends TranscriptJobContract {
    private PostgresTestDatabase pg;

    @Override
    Database openDatabase() {
        pg = PostgresTestDatabase.create();
        return pg.open();
    }

    @Override
    Path databaseFolder() {
        return null;
    }

    @Override
    void afterDatabaseClosed() {
        pg.close();
    }
}
