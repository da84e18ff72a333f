package io.scribehook.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.store.Database;
import io.scribehook.store.ModuleSchema;
import io.scribehook.store.testing.PostgresTestDatabase;
import io.scribehook.store.testing.TestDatabases;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

class HubSchemaTest {
    private static final List<String> TABLES = List.of(
            "hub_api_keys",
            "hub_appointments",
            "hub_recording_files",
            "hub_transcripts",
            "hub_attendance",
            "hub_zoom_events",
            "hub_keys",
            "hub_simulated_files",
            "hub_schema_history");

    @Test
    void sqliteGetsTheHubTablesWithAHistoryOfTheirOwn() throws Exception {
        try (Database db = TestDatabases.sqlite()) {
            assertTables(db);
        }
    }

    @Test
    void postgresGetsTheHubTablesWithAHistoryOfTheirOwn() throws Exception {
        try (PostgresTestDatabase pg = PostgresTestDatabase.create()) {
            assertTables(pg.open());
        }
    }

    private static void assertTables(Database db) throws Exception {
        assertThat(db.schemaVersion()).contains("hub 1");
        try (Connection c = db.dataSource().getConnection()) {
            for (String t : TABLES) {
                assertThat(ModuleSchema.tableExists(c, t)).as(t).isTrue();
            }
        }
        assertThat(db.readiness().migrated()).isTrue();
    }
}
