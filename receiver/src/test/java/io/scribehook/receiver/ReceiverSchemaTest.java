package io.scribehook.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.store.Database;
import io.scribehook.store.DatabaseSettings;
import io.scribehook.store.Dialect;
import io.scribehook.store.testing.PostgresTestDatabase;
import io.scribehook.store.testing.TestDatabases;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The receiver's tables have their own migrations and history; a database created when every table
 * was a version of one shared history (the layout of {@code legacy-schema/}) is adopted with its data.
 */
class ReceiverSchemaTest {

    @Test
    void aNewSqliteDatabaseGetsTheReceiverTablesAndTheirOwnHistory() {
        try (Database db = TestDatabases.sqlite()) {
            assertThat(db.schemaVersion()).startsWith("store ").contains("receiver ");
            List<String> history = db.withHandle(h -> h.createQuery(
                            "SELECT version FROM receiver_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")
                    .mapTo(String.class)
                    .list());
            assertThat(history).startsWith("0", "1", "2");
            assertThat(db.readiness().ready()).isTrue();
        }
    }

    @Test
    void anSqliteDatabaseFromTheSharedHistoryLayoutIsAdoptedWithItsRows() {
        DatabaseSettings s = TestDatabases.sqliteSettings();
        legacyMigrate(s.jdbcUrl(), Dialect.SQLITE);
        try (Database db = Database.open(s)) {
            assertAdopted(db);
        }
    }

    @Test
    void aPostgresDatabaseFromTheSharedHistoryLayoutIsAdoptedWithItsRows() {
        try (PostgresTestDatabase pg = PostgresTestDatabase.create()) {
            legacyMigrate(pg.jdbcUrl(), Dialect.POSTGRES);
            assertAdopted(pg.open());
        }
    }

    private static void legacyMigrate(String url, Dialect dialect) {
        Flyway.configure(ReceiverSchemaTest.class.getClassLoader())
                .dataSource(url, null, null)
                .locations("classpath:legacy-schema/" + dialect.migrationFolder())
                .load()
                .migrate();
        try (var c = java.sql.DriverManager.getConnection(url);
                var st = c.createStatement()) {
            st.execute(
                    "INSERT INTO receiver_webhooks (received_at, updated_at, status, http_status, event_type, resource_id) "
                            + "VALUES (1, 1, 'processed', 200, 'appointment.updated', '42')");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertAdopted(Database db) {
        String baseline =
                db.withHandle(h -> h.createQuery("SELECT version FROM receiver_schema_history WHERE type = 'BASELINE'")
                        .mapTo(String.class)
                        .one());
        assertThat(baseline).isEqualTo("2");
        List<String> kept = db.withHandle(h -> h.createQuery("SELECT resource_id FROM receiver_webhooks")
                .mapTo(String.class)
                .list());
        assertThat(kept).containsExactly("42");
        assertThat(db.readiness().ready()).as(db.readiness().detail()).isTrue();
    }
}
