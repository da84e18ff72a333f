package io.scribehook.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * The tables of one module: its own Flyway migrations ({@code classpath:db/<module>/<dialect>/V*.sql})
 * and its own history table, so a module adds tables without editing {@code store}.
 *
 * <p>Modules announce their schema through {@link java.util.ServiceLoader} (a line naming the
 * implementation in {@code META-INF/services/io.scribehook.store.ModuleSchema}); {@link Database#open}
 * migrates the queue's own schema first, then every announced one in module-name order. Modules
 * refer to each other's rows by id only: no foreign key crosses a module boundary, so the order
 * between modules never matters.
 */
public interface ModuleSchema {
    /** A short lower-case name, unique among modules: {@code receiver}, {@code delivery}, ... */
    String module();

    /** The Flyway history table of this module. */
    default String historyTable() {
        return module() + "_schema_history";
    }

    /** Where the migrations of {@code dialect} live. */
    default String location(Dialect dialect) {
        return "classpath:db/" + module() + "/" + dialect.migrationFolder();
    }

    /**
     * For databases created before this module had a history table of its own: the version its
     * tables already have, found by looking at {@code c}; empty for a database that never had them.
     * Called only when {@link #historyTable()} does not exist yet.
     */
    default Optional<String> adoptedVersion(Connection c, Dialect dialect) throws SQLException {
        return Optional.empty();
    }

    /** Whether {@code table} exists in the current schema of {@code c} (SQLite and PostgreSQL fold case differently). */
    static boolean tableExists(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        for (String name : new String[] {table, table.toLowerCase(Locale.ROOT)}) {
            try (ResultSet rs = md.getTables(null, c.getSchema(), name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
