package io.scribehook.hub;

import io.scribehook.store.Database;
import io.scribehook.store.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;

class PostgresWebhookApiTest extends WebhookApiContract {
    private PostgresTestDatabase pg;

    @Override
    Database openDatabase() {
        pg = PostgresTestDatabase.create();
        return pg.open();
    }

    @AfterEach
    void drop() {
        pg.close();
    }
}
