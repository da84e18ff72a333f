package io.scribehook.delivery;

import io.scribehook.store.Database;
import io.scribehook.store.testing.TestDatabases;

class SqliteDeliveryTest extends DeliveryContract {
    @Override
    protected Database openDatabase() {
        return TestDatabases.sqlite();
    }
}
