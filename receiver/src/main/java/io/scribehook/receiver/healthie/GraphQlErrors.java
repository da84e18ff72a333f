package io.scribehook.receiver.healthie;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads a GraphQL {@code errors} array: rate limit, not found, or a PHI-free description. */
final class GraphQlErrors {

    static final String TOO_MANY_REQUESTS = "TOO_MANY_REQUESTS";
    private static final Pattern NOT_FOUND_MESSAGE = Pattern.compile(
            "not found|couldn't find|could not find|does not exist|doesn't exist",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_MESSAGE = 200;

    private final String apiKey;

    GraphQlErrors(String apiKey) {
        this.apiKey = apiKey;
    }

    static boolean rateLimited(JsonNode errors) {
        for (JsonNode e : errors) {
            if (TOO_MANY_REQUESTS.equalsIgnoreCase(code(e))) {
                return true;
            }
        }
        return false;
    }

    static boolean allNotFound(JsonNode errors) {
        for (JsonNode e : errors) {
            if (!notFound(code(e), HealthieJson.text(e, "message"))) {
                return false;
            }
        }
        return true;
    }

    /** True for a "not found" code or message (GraphQL errors and mutation {@code messages}). */
    static boolean notFound(String code, String message) {
        if (code != null) {
            String c = code.toUpperCase(Locale.ROOT);
            if (c.equals("NOT_FOUND") || c.equals("RECORD_NOT_FOUND")) {
                return true;
            }
        }
        return message != null && NOT_FOUND_MESSAGE.matcher(message).find();
    }

    /** {@code GraphQL error: CODE: message; ...}, messages cut to 200 characters, key removed. */
    String describe(JsonNode errors) {
        List<String> parts = new ArrayList<>();
        for (JsonNode e : errors) {
            String code = code(e);
            String message = HealthieJson.text(e, "message");
            if (message != null && message.length() > MAX_MESSAGE) {
                message = message.substring(0, MAX_MESSAGE) + "...";
            }
            parts.add(code == null ? String.valueOf(message) : code + ": " + message);
            if (parts.size() == 3) {
                break;
            }
        }
        return redact("GraphQL error: " + String.join("; ", parts));
    }

    /** Removes the API key from text that may have echoed it. */
    String redact(String text) {
        if (text == null || apiKey == null || apiKey.length() < 4) {
            return text;
        }
        return text.replace(apiKey, "<redacted>");
    }

    private static String code(JsonNode error) {
        JsonNode code = error.path("extensions").get("code");
        return code == null || code.isNull() ? null : code.asText();
    }
}
