package io.scribehook.receiver.reconcile;

import io.scribehook.store.Database;
import io.scribehook.store.testing.PostgresTestDatabase;

class PostgresReconcileTest extends ReconcileContract {
    private PostgresTestDatabase pg;

    @Override
    Database openDatabase() {
        pg = PostgresTestDatabase.create();
        return pg.open();
    }

    @Override
    void afterDatabaseClosed() {
        pg.close();
    }
}
