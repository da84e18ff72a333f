package io.scribehook.hub.appointments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Epoch-millis columns that may be null. */
final class SqlTimes {
    private SqlTimes() {}

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }
}
