package io.scribehook.store.queue;

import io.scribehook.store.Database;
import io.scribehook.store.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;

/**
 * The queue contract on PostgreSQL: one database for the class (created by the first test, so that
 * an unreachable server skips each test with the reason), emptied before each test.
 */
class PostgresJobQueueTest extends JobQueueContract {
    private static PostgresTestDatabase pg;

    @AfterAll
    static void dropDatabase() {
        if (pg != null) {
            pg.close();
            pg = null;
        }
    }

    @Override
    protected Database openDatabase() {
        if (pg == null) {
            pg = PostgresTestDatabase.create();
        }
        Database db = pg.open();
        pg.execute("TRUNCATE jobs RESTART IDENTITY");
        return db;
    }

    @Override
    protected WakeReason localWakeReason() {
        return WakeReason.NOTIFICATION;
    }
}
