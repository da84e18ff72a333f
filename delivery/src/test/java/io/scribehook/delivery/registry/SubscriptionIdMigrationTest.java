package io.scribehook.delivery.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.store.Database;
import io.scribehook.store.DatabaseSettings;
import io.scribehook.store.testing.PostgresTestDatabase;
import io.scribehook.store.testing.TestDatabases;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Migration 2 of the delivery tables on a database that has subscriptions from version 1: each
 * keeps its webhook and event type and gets an id of its own; later subscriptions get new ids.
 */
class SubscriptionIdMigrationTest {
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void existingSubscriptionsGetIds(String kind) throws java.sql.SQLException {
        PostgresTestDatabase pg = kind.equals("postgres") ? PostgresTestDatabase.create() : null;
        try {
            DatabaseSettings settings = pg != null ? pg.settings() : TestDatabases.sqliteSettings();
            String folder = pg != null ? "postgres" : "sqlite";
            // as the app migrated before version 2: the queue's tables, then delivery's version 1
            Flyway.configure()
                    .dataSource(settings.jdbcUrl(), null, null)
                    .locations("classpath:db/store/" + folder)
                    .load()
                    .migrate();
            Flyway v1 = Flyway.configure()
                    .dataSource(settings.jdbcUrl(), null, null)
                    .locations("classpath:db/delivery/" + folder)
                    .table("delivery_schema_history")
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .target("1")
                    .load();
            v1.migrate();
            try (var c = v1.getConfiguration().getDataSource().getConnection();
                    var s = c.createStatement()) {
                s.execute("INSERT INTO delivery_webhooks (url, enabled, should_retry, profile, body_shape, secret,"
                        + " secret_key_id, created_at, updated_at) VALUES ('https://a.example/h', 1 = 1, 1 = 1, 'guide',"
                        + " 'reference', 'whsec_x', 'k1', 0, 0)");
                s.execute("INSERT INTO delivery_webhook_events (webhook_id, event_type) VALUES"
                        + " (1, 'appointment.created'), (1, 'appointment.updated')");
            }
            try (Database db = pg != null ? pg.open() : Database.open(settings)) {
                WebhookRegistry registry = new WebhookRegistry(db, Clock.systemUTC());
                Map<Long, List<Subscription>> subs = registry.subscriptions(List.of(1L));
                assertThat(subs.get(1L))
                        .extracting(Subscription::eventType)
                        .containsExactly("appointment.created", "appointment.updated");
                List<Long> ids = subs.get(1L).stream().map(Subscription::id).toList();
                assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id > 0);
                assertThat(registry.update(
                                1L,
                                WebhookInput.of(
                                        "https://a.example/h", List.of("appointment.created", "appointment.deleted"))))
                        .isInstanceOf(RegistryResult.Saved.class);
                List<Subscription> after = registry.subscriptions(List.of(1L)).get(1L);
                assertThat(after)
                        .extracting(Subscription::eventType)
                        .containsExactly("appointment.created", "appointment.deleted");
                assertThat(after.get(0).id()).isEqualTo(ids.get(0));
                assertThat(after.get(1).id()).isNotIn(ids);
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }
}
