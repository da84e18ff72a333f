package io.scribehook.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the migrations of every {@link ModuleSchema}: the queue's own first, then the ones found
 * by {@link ServiceLoader}, each with its own Flyway location and history table.
 */
final class SchemaMigrator {
    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);

    /**
     * The queue's tables. Its history table keeps Flyway's default name: databases from before
     * modules had their own migrations recorded every version there, the receiver's 2 and 3
     * included, which is why missing versions (and, as by default, future ones) are ignored.
     */
    static final ModuleSchema STORE = new ModuleSchema() {
        @Override
        public String module() {
            return "store";
        }

        @Override
        public String historyTable() {
            return "flyway_schema_history";
        }
    };

    private SchemaMigrator() {}

    /** The queue's schema, then every announced module's, in module-name order; names unique. */
    static List<ModuleSchema> discover(ClassLoader loader) {
        List<ModuleSchema> found = new ArrayList<>();
        ServiceLoader.load(ModuleSchema.class, loader).forEach(found::add);
        found.sort(Comparator.comparing(ModuleSchema::module));
        List<ModuleSchema> all = new ArrayList<>();
        all.add(STORE);
        all.addAll(found);
        Map<String, ModuleSchema> byName = new LinkedHashMap<>();
        for (ModuleSchema s : all) {
            ModuleSchema other = byName.putIfAbsent(s.module(), s);
            if (other != null && other.getClass() != s.getClass()) {
                throw new StoreException("two schemas for module '" + s.module() + "': "
                        + other.getClass().getName() + " and " + s.getClass().getName());
            }
        }
        return List.copyOf(byName.values());
    }

    /**
     * Migrates every schema, reading migrations through {@code loader}; returns each module's version afterwards.
     *
     * @throws StoreException naming the module and the reason
     */
    static Map<String, String> migrate(
            DataSource pool, Dialect dialect, String where, List<ModuleSchema> schemas, ClassLoader loader) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (ModuleSchema schema : schemas) {
            try {
                versions.put(schema.module(), migrate(pool, dialect, where, schema, loader));
            } catch (StoreException e) {
                throw e;
            } catch (RuntimeException | SQLException e) {
                throw new StoreException(
                        "cannot migrate the " + schema.module() + " tables of database " + where + ": "
                                + Database.oneLine(e),
                        e);
            }
        }
        return versions;
    }

    private static String migrate(
            DataSource pool, Dialect dialect, String where, ModuleSchema schema, ClassLoader loader)
            throws SQLException {
        FluentConfiguration base = Flyway.configure(loader)
                .dataSource(pool)
                .locations(schema.location(dialect))
                .table(schema.historyTable())
                .failOnMissingLocations(true)
                .ignoreMigrationPatterns("*:missing", "*:future");
        if (schema != STORE && !historyExists(pool, schema.historyTable())) {
            Optional<String> adopted;
            try (Connection c = pool.getConnection()) {
                adopted = schema.adoptedVersion(c, dialect);
            }
            if (adopted.isPresent()) {
                base.baselineVersion(adopted.get())
                        .baselineDescription("adopted from flyway_schema_history")
                        .load()
                        .baseline();
                log.info(
                        "{}: {} tables adopted at version {} into {}",
                        where,
                        schema.module(),
                        adopted.get(),
                        schema.historyTable());
            }
        }
        if (schema != STORE) {
            // the queue's tables make the schema non-empty: a module's first history starts at version 0
            base.baselineOnMigrate(true).baselineVersion("0");
        }
        Flyway flyway = base.load();
        MigrateResult result = flyway.migrate();
        if (result.migrationsExecuted > 0) {
            log.info(
                    "migrated the {} tables of {} from {} to {} ({} migration(s))",
                    schema.module(),
                    where,
                    result.initialSchemaVersion == null ? "nothing" : result.initialSchemaVersion,
                    result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
        MigrationInfo current = flyway.info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }

    /** Whether {@code table} exists (any case; SQLite and PostgreSQL fold differently). */
    static boolean historyExists(DataSource pool, String table) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return ModuleSchema.tableExists(c, table);
        }
    }
}
