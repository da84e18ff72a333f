package io.scribehook.hub.graphql;

import graphql.schema.idl.RuntimeWiring;
import java.util.List;
import java.util.Map;

/**
 * One slice of the hub's GraphQL API: its SDL files and the data fetchers of its fields. Parts add
 * fields to the root types with {@code extend type Query { ... }} / {@code extend type Mutation
 * { ... }}; {@link HubGraphQl#build} puts every part together in one place.
 */
public interface GraphQlPart {
    /** Classpath resources (SDL) of this part, such as {@code graphql/hub.graphqls}. */
    List<String> schemaResources();

    /** Registers this part's data fetchers (fields without one read the source map by snake_case name). */
    void wire(RuntimeWiring.Builder wiring);

    /**
     * Second names of this part's input types that a variable may declare (alias → schema name),
     * such as the guide's {@code CreateWebhookInput} for {@code createWebhookInput}; none by default.
     */
    default Map<String, String> inputTypeAliases() {
        return Map.of();
    }
}
