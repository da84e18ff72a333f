package io.scribehook.hub.graphql;

import graphql.GraphQL;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetcherFactory;
import graphql.schema.DataFetcherFactoryEnvironment;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the hub's executable GraphQL API from its {@link GraphQlPart}s: the one place where every
 * part's SDL and data fetchers meet. A field without a data fetcher of its own reads its source
 * {@code Map} by its snake_case name, so a camelCase alias ({@code otherParty}) needs no code.
 * Input type aliases of the parts ({@link GraphQlPart#inputTypeAliases}) are applied to variable
 * definitions before validation. Queries deeper than {@link #MAX_DEPTH} are refused; data fetcher failures become errors through
 * {@link FetchFailures}.
 */
public final class HubGraphQl {
    /** The deepest query accepted. */
    public static final int MAX_DEPTH = 12;

    private HubGraphQl() {}

    public static GraphQL build(List<GraphQlPart> parts) {
        TypeDefinitionRegistry types = new TypeDefinitionRegistry();
        SchemaParser parser = new SchemaParser();
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring()
                .codeRegistry(GraphQLCodeRegistry.newCodeRegistry().defaultDataFetcher(new MapFieldFetchers()));
        Map<String, String> aliases = new HashMap<>();
        for (GraphQlPart part : parts) {
            aliases.putAll(part.inputTypeAliases());
            for (String resource : part.schemaResources()) {
                types.merge(parser.parse(read(part, resource)));
            }
            part.wire(wiring);
        }
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(types, wiring.build());
        return GraphQL.newGraphQL(schema)
                .defaultDataFetcherExceptionHandler(new FetchFailures())
                .instrumentation(new ChainedInstrumentation(
                        List.of(new InputTypeAliases(aliases), new MaxQueryDepthInstrumentation(MAX_DEPTH))))
                .build();
    }

    private static String read(GraphQlPart part, String resource) {
        try (InputStream in = part.getClass().getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("GraphQL schema resource " + resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read GraphQL schema resource " + resource, e);
        }
    }

    /** Reads a field from a source {@code Map} under its snake_case name. */
    private static final class MapFieldFetchers implements DataFetcherFactory<Object> {
        @Override
        public DataFetcher<Object> get(DataFetcherFactoryEnvironment env) {
            return get(env.getFieldDefinition());
        }

        @Override
        public DataFetcher<Object> get(GraphQLFieldDefinition field) {
            String key = FieldNames.snake(field.getName());
            return env -> env.getSource() instanceof Map<?, ?> m ? m.get(key) : null;
        }
    }
}
