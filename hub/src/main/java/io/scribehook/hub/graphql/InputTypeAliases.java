package io.scribehook.hub.graphql;

import graphql.execution.instrumentation.DocumentAndVariables;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import java.util.List;
import java.util.Map;

/**
 * Second names of input types in variable definitions, so one document works whichever name it
 * declares: the real API calls createWebhook's input {@code createWebhookInput}, the guide's
 * document {@code CreateWebhookInput}. Runs after parsing and before validation, renaming the
 * alias to the schema's type in {@code ($input: Alias!)}; nothing else in a document changes.
 */
final class InputTypeAliases extends SimplePerformantInstrumentation {
    private final Map<String, String> aliases;

    /** @param aliases alias → the name of the input type in the schema */
    InputTypeAliases(Map<String, String> aliases) {
        this.aliases = Map.copyOf(aliases);
    }

    @Override
    public DocumentAndVariables instrumentDocumentAndVariables(
            DocumentAndVariables dv, InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (aliases.isEmpty() || !usesAlias(dv.getDocument())) {
            return dv;
        }
        List<Definition> definitions = dv.getDocument().getDefinitions().stream()
                .map(d -> d instanceof OperationDefinition op ? (Definition) rename(op) : d)
                .toList();
        return DocumentAndVariables.newDocumentAndVariables()
                .document(dv.getDocument().transform(b -> b.definitions(definitions)))
                .variables(dv.getVariables())
                .build();
    }

    private boolean usesAlias(Document doc) {
        return doc.getDefinitionsOfType(OperationDefinition.class).stream()
                .flatMap(op -> op.getVariableDefinitions().stream())
                .anyMatch(v -> aliases.containsKey(baseName(v.getType())));
    }

    private OperationDefinition rename(OperationDefinition op) {
        List<VariableDefinition> vars = op.getVariableDefinitions().stream()
                .map(v -> v.transform(b -> b.type(rename(v.getType()))))
                .toList();
        return op.transform(b -> b.variableDefinitions(vars));
    }

    private Type<?> rename(Type<?> t) {
        if (t instanceof NonNullType n) {
            return n.transform(b -> b.type(rename(n.getType())));
        }
        if (t instanceof ListType l) {
            return l.transform(b -> b.type(rename(l.getType())));
        }
        TypeName name = (TypeName) t;
        String canonical = aliases.get(name.getName());
        return canonical == null ? name : name.transform(b -> b.name(canonical));
    }

    private static String baseName(Type<?> t) {
        if (t instanceof NonNullType n) {
            return baseName(n.getType());
        }
        if (t instanceof ListType l) {
            return baseName(l.getType());
        }
        return ((TypeName) t).getName();
    }
}
