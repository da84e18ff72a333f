package io.scribehook.hub.graphql;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import io.scribehook.store.StoreUnavailableException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a data fetcher's exception into a GraphQL error that says nothing of its message (it may
 * hold PHI or SQL): {@code SERVICE_UNAVAILABLE} when the database is unreachable, else {@code
 * INTERNAL_SERVER_ERROR} with a reference id that the server log repeats with the exception's
 * class and where it was thrown (not its message).
 */
final class FetchFailures implements DataFetcherExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FetchFailures.class);

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
            DataFetcherExceptionHandlerParameters p) {
        Throwable e = p.getException();
        String code;
        String message;
        if (e instanceof StoreUnavailableException) {
            code = "SERVICE_UNAVAILABLE";
            message = "the database is unavailable; retry later";
            LOG.warn("graphql {} failed: database unavailable", p.getPath());
        } else {
            String id = UUID.randomUUID().toString();
            code = "INTERNAL_SERVER_ERROR";
            message = "internal error; reference " + id + " in the server log";
            // exception messages can quote bound values (names, emails): classes and frames only
            StackTraceElement at = e.getStackTrace().length == 0 ? null : e.getStackTrace()[0];
            LOG.error(
                    "graphql {} failed, reference {}: {} at {} (root cause {})",
                    p.getPath(),
                    id,
                    e.getClass().getName(),
                    at,
                    rootCause(e).getClass().getName());
        }
        var error = GraphqlErrorBuilder.newError()
                .message(message)
                .path(p.getPath())
                .location(p.getSourceLocation())
                .extensions(Map.of("code", code))
                .build();
        return CompletableFuture.completedFuture(
                DataFetcherExceptionHandlerResult.newResult(error).build());
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
