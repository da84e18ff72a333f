package io.scribehook.delivery.registry;

import io.scribehook.store.Database;
import io.scribehook.store.testing.TestDatabases;

class SqliteWebhookRegistryTest extends WebhookRegistryContract {
    @Override
    protected Database openDatabase() {
        return TestDatabases.sqlite();
    }
}
