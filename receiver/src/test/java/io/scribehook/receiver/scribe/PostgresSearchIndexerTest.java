package io.scribehook.receiver.scribe;

import io.scribehook.store.Database;
import io.scribehook.store.testing.PostgresTestDatabase;
import java.time.Duration;

/** Two instances on one PostgreSQL database: the second is woken by the commit's notification. */
class PostgresSearchIndexerTest extends SearchIndexerContract {
    private PostgresTestDatabase pg;

    @Override
    Database openDatabase() {
        if (pg == null) {
            pg = PostgresTestDatabase.create();
        }
        return pg.open();
    }

    @Override
    Duration otherInstancePoll() {
        return Duration.ofHours(1);
    }

    @Override
    void afterDatabasesClosed() {
        pg.close();
    }
}
