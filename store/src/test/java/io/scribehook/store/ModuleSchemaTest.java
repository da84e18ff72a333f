package io.scribehook.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scribehook.store.testing.TestDatabases;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Modules announce their tables; each gets its own migrations and history, after the queue's. */
class ModuleSchemaTest {

    /** A module named {@code probe}, announced only to the class loaders these tests build. */
    public static final class ProbeSchema implements ModuleSchema {
        @Override
        public String module() {
            return "probe";
        }
    }

    @Test
    void anAnnouncedModuleIsMigratedIntoItsOwnHistoryAndReportedByReadiness() throws IOException {
        ClassLoader loader = loaderWith("CREATE TABLE probe_things (id INTEGER PRIMARY KEY);", "V1__things.sql");
        DatabaseSettings s = TestDatabases.sqliteSettings();
        try (Database db = Database.open(s, loader)) {
            assertThat(db.schemaVersion()).isEqualTo("store 4, probe 1");
            int things = db.withHandle(h -> h.createQuery("SELECT count(*) FROM probe_things")
                    .mapTo(int.class)
                    .one());
            assertThat(things).isZero();
            List<String> history = db.withHandle(h -> h.createQuery(
                            "SELECT version FROM probe_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")
                    .mapTo(String.class)
                    .list());
            assertThat(history).containsExactly("0", "1");
            assertThat(db.readiness()).isEqualTo(new Readiness(true, true, "sqlite schema store 4, probe 1"));
        }
        try (Database db = Database.open(s)) { // a build that no longer has the module leaves its tables alone
            assertThat(db.schemaVersion()).isEqualTo("store 4");
        }
    }

    @Test
    void aBrokenModuleMigrationNamesTheModule() throws IOException {
        ClassLoader loader = loaderWith("CREATE TABLE jobs (id INTEGER);", "V1__clash.sql");
        assertThatThrownBy(() -> Database.open(TestDatabases.sqliteSettings(), loader))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot migrate the probe tables of database jdbc:sqlite:")
                .hasMessageContaining("jobs");
    }

    private static ClassLoader loaderWith(String sql, String script) throws IOException {
        Path root = TestDatabases.newFolder("probe-module");
        Path services = Files.createDirectories(root.resolve("META-INF/services"));
        Files.writeString(services.resolve(ModuleSchema.class.getName()), ProbeSchema.class.getName() + "\n");
        Path migrations = Files.createDirectories(root.resolve("db/probe/sqlite"));
        Files.writeString(migrations.resolve(script), sql);
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, ModuleSchemaTest.class.getClassLoader());
    }
}
