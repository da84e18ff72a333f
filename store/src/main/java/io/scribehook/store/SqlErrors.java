package io.scribehook.store;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/** Classifies failures: lost connection, transient conflict, or the unit's own fault. */
final class SqlErrors {
    private SqlErrors() {}

    /** The connection is gone or could not be made: the work may be retried on a new one. */
    static boolean connectionLost(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLRecoverableException
                    || c instanceof SQLTransientConnectionException
                    || c instanceof java.net.SocketException
                    || c instanceof java.io.EOFException) {
                return true;
            }
            if (c instanceof SQLException e) {
                String state = e.getSQLState();
                if (state != null
                        && (state.startsWith("08")
                                || state.equals("57P01")
                                || state.equals("57P02")
                                || state.equals("57P03"))) {
                    return true;
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /** A deadlock or serialization failure: running the same work again may succeed. */
    static boolean transientConflict(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException e) {
                String state = e.getSQLState();
                if ("40P01".equals(state) || "40001".equals(state)) {
                    return true;
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /** The innermost message, for one-line error texts. */
    static String rootMessage(Throwable t) {
        Throwable last = t;
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                last = c;
            }
        }
        String m = last.getMessage();
        return m == null ? last.getClass().getSimpleName() : m.strip();
    }
}
