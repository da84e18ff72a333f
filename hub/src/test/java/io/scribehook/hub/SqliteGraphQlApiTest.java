package io.scribehook.hub;

import io.scribehook.store.Database;
import io.scribehook.store.testing.TestDatabases;

class SqliteGraphQlApiTest extends GraphQlApiContract {
    @Override
    Database openDatabase() {
        return TestDatabases.sqlite();
    }
}
