package io.scribehook.receiver.reconcile;

import io.scribehook.store.Database;
import io.scribehook.store.testing.TestDatabases;

class SqliteReconcileTest extends ReconcileContract {
    @Override
    Database openDatabase() {
        return Database.open(TestDatabases.sqliteSettings());
    }
}
