package io.scribehook.scribe.search;

/**
 * A query that cannot run. The message names the problem and where, never the query text (a query
 * may hold a patient's name).
 */
public final class QuerySyntaxException extends Exception {
    public QuerySyntaxException(String message) {
        super(message);
    }
}
