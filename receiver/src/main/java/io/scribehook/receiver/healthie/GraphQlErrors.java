package io.scribehook.receiver.healthie;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a GraphQL {@code errors} array and a mutation's {@code messages}.
 *
 * <p>The {@link Verdict} comes from {@code extensions.code} and {@code extensions.classification}
 * first, then {@code path}; message text comes last and only recognises a rate limit sent without a
 * code. Only a not-found code whose path is exactly the addressed field means "not found": a schema
 * error such as {@code Field 'foo' doesn't exist on type 'Appointment'} is permanent, whatever its
 * words say.
 *
 * <p>Descriptions never carry message text, which may name patients ("Jane Doe (jane@...) may not
 * view appointment 123"). They keep the code, the path and the HTTP status, and of those only
 * identifier-shaped parts; anything else prints as {@code ?}.
 */
final class GraphQlErrors {

    /** What an errors array means for the call. */
    enum Verdict {
        /** Back off and retry the request. */
        RATE_LIMITED,
        /** Upstream trouble: retry later (counts against the circuit, like a 5xx). */
        TRANSIENT,
        /** Every error is a not-found code at the addressed field. */
        NOT_FOUND,
        /** Schema, validation, authorisation or unknown: retrying will not help. */
        PERMANENT
    }

    static final String TOO_MANY_REQUESTS = "TOO_MANY_REQUESTS";
    private static final Set<String> NOT_FOUND_CODES = Set.of("NOT_FOUND", "RECORD_NOT_FOUND");
    private static final Set<String> TRANSIENT_CODES =
            Set.of("INTERNAL_SERVER_ERROR", "INTERNAL_ERROR", "SERVICE_UNAVAILABLE");
    private static final Pattern RATE_LIMIT_MESSAGE =
            Pattern.compile("too many requests|rate limit", Pattern.CASE_INSENSITIVE);
    private static final Pattern NOT_FOUND_MESSAGE = Pattern.compile(
            "not found|couldn't find|could not find|does not exist|doesn't exist", Pattern.CASE_INSENSITIVE);
    /** graphql-java: {@code Validation error (FieldUndefined@[appointment/foo]) : Field 'foo' ...}. */
    private static final Pattern GRAPHQL_JAVA_VALIDATION =
            Pattern.compile("^Validation error \\((\\w{1,64})@\\[([^\\]]{0,300})\\]\\)");

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}|[0-9]{1,9}");
    private static final int MAX_DESCRIBED = 3;

    private final String apiKey;

    GraphQlErrors(String apiKey) {
        this.apiKey = apiKey;
    }

    /**
     * The verdict on a non-empty errors array. A rate limit anywhere wins (the server did not do the
     * work), then any permanent error, then any transient one; not-found needs every error to be one.
     *
     * @param notFoundField the root field a not-found error must point at, or null when the
     *                      operation addresses no single resource (then not-found is permanent)
     */
    static Verdict verdict(JsonNode errors, String notFoundField) {
        boolean transientSeen = false;
        boolean permanentSeen = false;
        for (JsonNode e : errors) {
            switch (verdictOf(e, notFoundField)) {
                case RATE_LIMITED -> {
                    return Verdict.RATE_LIMITED;
                }
                case TRANSIENT -> transientSeen = true;
                case PERMANENT -> permanentSeen = true;
                case NOT_FOUND -> {}
            }
        }
        return permanentSeen ? Verdict.PERMANENT : transientSeen ? Verdict.TRANSIENT : Verdict.NOT_FOUND;
    }

    private static Verdict verdictOf(JsonNode error, String notFoundField) {
        String code = upper(code(error));
        String classification = upper(classification(error));
        if (TOO_MANY_REQUESTS.equals(code) || TOO_MANY_REQUESTS.equals(classification)) {
            return Verdict.RATE_LIMITED;
        }
        if (either(TRANSIENT_CODES, code, classification)) {
            return Verdict.TRANSIENT;
        }
        if (either(NOT_FOUND_CODES, code, classification)) {
            return notFoundField != null && pathIs(error, notFoundField) ? Verdict.NOT_FOUND : Verdict.PERMANENT;
        }
        if (code == null && classification == null) {
            String message = HealthieJson.text(error, "message");
            if (message != null && RATE_LIMIT_MESSAGE.matcher(message).find()) {
                return Verdict.RATE_LIMITED;
            }
        }
        return Verdict.PERMANENT;
    }

    /**
     * Whether a mutation's {@code messages} all say the addressed record does not exist. Messages
     * carry no codes, so their text decides, and only for messages about the {@code id} (or no field).
     */
    static boolean messagesSayNotFound(JsonNode messages) {
        for (JsonNode m : messages) {
            String field = HealthieJson.text(m, "field");
            String text = m.isTextual() ? m.asText() : HealthieJson.text(m, "message");
            boolean aboutId = field == null || field.isBlank() || field.equalsIgnoreCase("id");
            if (!aboutId || text == null || !NOT_FOUND_MESSAGE.matcher(text).find()) {
                return false;
            }
        }
        return true;
    }

    /** E.g. {@code GraphQL FORBIDDEN at appointment (HTTP 200)}; at most three errors, no message text. */
    String describe(JsonNode errors, int status) {
        List<String> parts = new ArrayList<>();
        for (JsonNode e : errors) {
            if (parts.size() == MAX_DESCRIBED) {
                parts.add((errors.size() - MAX_DESCRIBED) + " more");
                break;
            }
            parts.add(describeOne(e));
        }
        return redact("GraphQL " + String.join("; ", parts) + " (HTTP " + status + ")");
    }

    /** E.g. {@code createWebhook rejected the input (url, webhook_events)}: the fields named, never the text. */
    String rejected(String operation, JsonNode messages) {
        List<String> fields = new ArrayList<>();
        for (JsonNode m : messages) {
            String field = HealthieJson.text(m, "field");
            if (field != null && !field.isBlank() && fields.size() < MAX_DESCRIBED) {
                fields.add(identifier(field));
            }
        }
        return redact(
                operation + " rejected the input" + (fields.isEmpty() ? "" : " (" + String.join(", ", fields) + ")"));
    }

    /** Removes the API key from text that may have echoed it. */
    String redact(String text) {
        if (text == null || apiKey == null || apiKey.length() < 4) {
            return text;
        }
        return text.replace(apiKey, "<redacted>");
    }

    private static String describeOne(JsonNode error) {
        String code = code(error);
        String classification = classification(error);
        StringBuilder b =
                new StringBuilder(identifier(code != null ? code : classification != null ? classification : "error"));
        List<String> path = new ArrayList<>();
        JsonNode pathNode = error.get("path");
        if (pathNode != null && pathNode.isArray()) {
            pathNode.forEach(p -> path.add(p.asText()));
        }
        String message = HealthieJson.text(error, "message");
        Matcher validation = message == null ? null : GRAPHQL_JAVA_VALIDATION.matcher(message);
        if (validation != null && validation.find()) {
            b.append(' ').append(identifier(validation.group(1)));
            if (path.isEmpty() && !validation.group(2).isEmpty()) {
                path.addAll(List.of(validation.group(2).split("/")));
            }
        }
        if (!path.isEmpty()) {
            b.append(" at ")
                    .append(String.join(
                            ".", path.stream().map(GraphQlErrors::identifier).toList()));
        }
        return b.toString();
    }

    private static String identifier(String s) {
        return s != null && IDENTIFIER.matcher(s).matches() ? s : "?";
    }

    private static boolean pathIs(JsonNode error, String field) {
        JsonNode path = error.get("path");
        return path != null
                && path.isArray()
                && path.size() == 1
                && field.equals(path.get(0).asText());
    }

    private static String code(JsonNode error) {
        JsonNode code = error.path("extensions").get("code");
        return code == null || !code.isValueNode() || code.isNull() ? null : code.asText();
    }

    private static String classification(JsonNode error) {
        JsonNode c = error.path("extensions").get("classification");
        return c == null || !c.isTextual() ? null : c.asText();
    }

    private static boolean either(Set<String> codes, String code, String classification) {
        return code != null && codes.contains(code) || classification != null && codes.contains(classification);
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }
}
