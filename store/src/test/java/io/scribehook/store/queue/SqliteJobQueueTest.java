package io.scribehook.store.queue;

import io.scribehook.store.Database;
import io.scribehook.store.testing.TestDatabases;

/** The queue contract on SQLite (a fresh file per test). */
class SqliteJobQueueTest extends JobQueueContract {
    @Override
    protected Database openDatabase() {
        return TestDatabases.sqlite();
    }

    @Override
    protected WakeReason localWakeReason() {
        return WakeReason.SIGNAL;
    }
}
