package io.scribehook.hub.graphql;

import graphql.schema.DataFetchingEnvironment;
import io.scribehook.hub.keys.ApiKey;

/**
 * What data fetchers know of the HTTP request: the authenticated key and the base URL the caller
 * reached the hub by (for absolute {@code expiring_url}s).
 */
public record RequestContext(ApiKey key, String baseUrl) {
    /** The context of the request {@code env} belongs to. */
    public static RequestContext of(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(RequestContext.class);
    }
}
