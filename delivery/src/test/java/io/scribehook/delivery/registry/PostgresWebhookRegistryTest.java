package io.scribehook.delivery.registry;

import io.scribehook.store.Database;
import io.scribehook.store.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;

class PostgresWebhookRegistryTest extends WebhookRegistryContract {
    private static PostgresTestDatabase pg;

    @AfterAll
    static void drop() {
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
        Database d = pg.open();
        pg.execute("TRUNCATE delivery_webhook_events, delivery_webhooks RESTART IDENTITY CASCADE");
        return d;
    }
}
