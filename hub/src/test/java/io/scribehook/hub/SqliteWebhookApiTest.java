package io.scribehook.hub;

import io.scribehook.store.Database;
import io.scribehook.store.testing.TestDatabases;

class SqliteWebhookApiTest extends WebhookApiContract {
    @Override
    Database openDatabase() {
        return TestDatabases.sqlite();
    }
}
