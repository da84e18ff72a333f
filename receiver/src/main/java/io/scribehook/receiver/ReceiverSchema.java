package io.scribehook.receiver;

import io.scribehook.store.Dialect;
import io.scribehook.store.ModuleSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The receiver's tables: migrations under {@code db/receiver/<dialect>}, history in
 * {@code receiver_schema_history}. Databases from before modules had histories of their own kept
 * these tables as versions 2 and 3 of {@code flyway_schema_history}; they are adopted at the
 * matching version here (1 and 2).
 */
public final class ReceiverSchema implements ModuleSchema {
    @Override
    public String module() {
        return "receiver";
    }

    @Override
    public Optional<String> adoptedVersion(Connection c, Dialect dialect) throws SQLException {
        if (!ModuleSchema.tableExists(c, "receiver_webhooks")
                || !ModuleSchema.tableExists(c, "flyway_schema_history")) {
            return Optional.empty();
        }
        try (PreparedStatement s = c.prepareStatement(
                        "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success AND version IN ('2', '3')");
                ResultSet rs = s.executeQuery()) {
            int legacy = rs.next() ? rs.getInt(1) : 0;
            return legacy >= 2 ? Optional.of(Integer.toString(legacy - 1)) : Optional.empty();
        }
    }
}
