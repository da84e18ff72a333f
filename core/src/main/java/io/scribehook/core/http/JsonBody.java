package io.scribehook.core.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads the JSON body of an API request. Anything but one JSON object is a 400
 * {@code malformed_json} whose message says what is wrong and where (line and column), never what
 * the body holds: Jackson's own messages quote the offending text, and that text may be a secret,
 * so they reach neither the caller nor the log.
 */
public final class JsonBody {
    /** The code of every answer from this class; the webhook endpoint uses it for the same fault. */
    public static final String MALFORMED_JSON = "malformed_json";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonBody() {}

    /**
     * @throws ApiException 400 {@code malformed_json} unless {@code body} is exactly one JSON object
     */
    public static ObjectNode object(byte[] body) {
        if (body == null || body.length == 0) {
            throw malformed("body is empty; send a JSON object");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from memory failed", e);
        }
        if (root == null || root.isMissingNode()) {
            throw malformed("body is empty; send a JSON object");
        }
        if (!(root instanceof ObjectNode object)) {
            throw malformed("body must be a JSON object, not " + kind(root));
        }
        return object;
    }

    /** The 400 for a failure of Jackson reading a request, described without Jackson's message. */
    public static ApiException malformed(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String problem;
        if (e instanceof StreamConstraintsException) {
            problem = "body exceeds the JSON nesting or size limits";
        } else if (e instanceof JsonEOFException) {
            problem = "body is not valid JSON: it ends early";
        } else if (original.startsWith("Duplicate field")) {
            problem = "body is not valid JSON: a key appears twice in one object";
        } else if (original.startsWith("Invalid UTF-8")) {
            problem = "body is not valid UTF-8";
        } else if (e instanceof StreamReadException) {
            problem = "body is not valid JSON: unexpected character";
        } else if (original.startsWith("Trailing token")) {
            problem = "body holds more than one JSON value";
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            problem = "body does not have the expected JSON types (reading "
                    + m.getTargetType().getSimpleName() + ")";
        } else {
            problem = "body does not have the expected JSON types";
        }
        return malformed(problem + where(e.getLocation()));
    }

    private static ApiException malformed(String message) {
        return new ApiException(400, MALFORMED_JSON, message);
    }

    private static String where(JsonLocation at) {
        if (at == null || at.getLineNr() < 1) {
            return "";
        }
        return " at line " + at.getLineNr() + " column " + at.getColumnNr();
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
