package io.scribehook.core.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.scribehook.core.event.ParseResult.Malformed;
import io.scribehook.core.event.ParseResult.Parsed;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads and writes thin webhook bodies in both {@link BodyShape}s.
 *
 * <h2>Reading rules</h2>
 * <ul>
 *   <li>The body must be strict UTF-8 (a leading BOM is ignored) holding exactly one JSON object;
 *       duplicate keys and trailing content are {@code malformed_json}.</li>
 *   <li>The event type is {@code event_type} (shape REFERENCE) or, when that is absent or null,
 *       {@code event} (shape GUIDE). Neither, or blank: {@code missing_event_type}. Not a string:
 *       {@code invalid_field}. Unknown names are accepted.</li>
 *   <li>{@code resource_id} (top level) is <b>required</b>: a non-blank string or an integer
 *       ({@code 12345} and {@code "12345"} both give {@code "12345"}); {@code 12345.0}, booleans,
 *       arrays and objects are {@code invalid_field}, and so is its absence. Without an id the
 *       receiver can neither fetch the resource nor recognise a redelivery, and a 4xx tells the
 *       sender at once instead of failing later.</li>
 *   <li>Resource type: {@code resource_id_type} or {@code resource_type} (either shape); optional.</li>
 *   <li>Extras ({@code changed_fields}, {@code host_user_id}, {@code user_name}, {@code user_email},
 *       {@code event_ts}, {@code resource_organization_id}, {@code updated_at}, {@code created_at}, {@code note_version})
 *       are read from the top level for REFERENCE and from {@code data} for GUIDE, falling back to the
 *       other place. In GUIDE, a {@code data} that is not an object is {@code invalid_field}.</li>
 *   <li>Other fields are ignored (the receiver stores the raw body).</li>
 * </ul>
 * Messages name fields, never values: several fields are PHI. {@link #parse} never throws.
 */
public final class ThinPayloadCodec {
    /** The message of the defensive catch-all; seeing it means a bug in this codec. */
    static final String UNEXPECTED = "the body could not be read as a thin payload";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final Pattern PLAIN_INTEGER = Pattern.compile("0|[1-9]\\d{0,17}");

    private ThinPayloadCodec() {}

    /**
     * Parses a request body.
     *
     * @param utf8Body the raw body bytes; {@code null} or empty is {@code malformed_json}
     * @return {@link Parsed} or {@link Malformed} (codes {@code malformed_json}, {@code missing_event_type},
     *         {@code invalid_field}); never {@code null}, never throws
     */
    public static ParseResult parse(byte[] utf8Body) {
        try {
            JsonNode root = readObject(utf8Body);
            return root == null ? emptyBody() : interpret(root);
        } catch (InvalidFieldException e) {
            return new Malformed(Malformed.INVALID_FIELD, e.getMessage());
        } catch (BodyException e) {
            return new Malformed(Malformed.MALFORMED_JSON, e.getMessage());
        } catch (RuntimeException e) {
            return new Malformed(Malformed.MALFORMED_JSON, UNEXPECTED);
        }
    }

    /** The REFERENCE body for an event, UTF-8 JSON, as the hub sends it. */
    public static byte[] encodeReference(ThinEvent e) {
        return encode(e, BodyShape.REFERENCE);
    }

    /**
     * The body for an event in the given shape, UTF-8 JSON. {@code parse(encode(e, s))} gives back
     * {@code e.withShape(s)}. REFERENCE writes {@code resource_id} as a string (as the API reference
     * does); GUIDE writes it as a number when it is a plain integer (as the guide's samples do).
     */
    public static byte[] encode(ThinEvent e, BodyShape shape) {
        Objects.requireNonNull(e, "event");
        Objects.requireNonNull(shape, "shape");
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode extras;
        if (shape == BodyShape.REFERENCE) {
            root.put("resource_id", e.resourceId());
            putIfSet(root, "resource_id_type", e.resourceType());
            root.put("event_type", e.eventType());
            ArrayNode changed = root.putArray("changed_fields");
            e.changedFields().forEach(changed::add);
            extras = root;
        } else {
            root.put("event", e.eventType());
            putIfSet(root, "resource_type", e.resourceType());
            root.set(
                    "resource_id",
                    PLAIN_INTEGER.matcher(e.resourceId()).matches()
                            ? LongNode.valueOf(Long.parseLong(e.resourceId()))
                            : TextNode.valueOf(e.resourceId()));
            extras = root.putObject("data");
            if (!e.changedFields().isEmpty()) {
                ArrayNode changed = extras.putArray("changed_fields");
                e.changedFields().forEach(changed::add);
            }
        }
        putIfSet(extras, "host_user_id", e.hostUserId());
        putIfSet(extras, "user_name", e.participantName());
        putIfSet(extras, "user_email", e.participantEmail());
        if (e.eventTs() != null) {
            extras.set("event_ts", EventTimestamps.write(e.eventTs()));
        }
        putIfSet(extras, "resource_organization_id", e.organizationId());
        putIfSet(extras, "updated_at", e.updatedAt());
        putIfSet(extras, "created_at", e.createdAt());
        if (e.noteVersion() != null) {
            extras.put("note_version", e.noteVersion());
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException("cannot encode a thin payload", ex);
        }
    }

    private static void putIfSet(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static ParseResult emptyBody() {
        return new Malformed(Malformed.MALFORMED_JSON, "the body is empty; send a JSON object");
    }

    /** Decodes and parses; {@code null} for an empty (or whitespace-only) body. */
    private static JsonNode readObject(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BodyException("the body is not valid UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (StreamConstraintsException e) {
            throw new BodyException("the body exceeds the JSON nesting or size limits");
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage();
            throw new BodyException(
                    m != null && m.startsWith("Duplicate field")
                            ? "the body repeats a key; each key may appear once per object"
                            : "the body is not valid JSON");
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BodyException("the body holds a number that cannot be read");
        }
        if (root == null || root.isMissingNode()) {
            return null;
        }
        if (!root.isObject()) {
            throw new BodyException("the body must be a JSON object");
        }
        return root;
    }

    private static ParseResult interpret(JsonNode root) {
        JsonNode typeNode = present(root, "event_type");
        BodyShape shape = BodyShape.REFERENCE;
        String typeField = "event_type";
        if (typeNode == null) {
            typeNode = present(root, "event");
            shape = BodyShape.GUIDE;
            typeField = "event";
        }
        if (typeNode == null) {
            return new Malformed(Malformed.MISSING_EVENT_TYPE, "the body has neither 'event_type' nor 'event'");
        }
        if (!typeNode.isTextual()) {
            throw InvalidFieldException.mustBe(typeField, "a string");
        }
        String eventType = typeNode.textValue();
        if (eventType.isBlank()) {
            return new Malformed(Malformed.MISSING_EVENT_TYPE, "field '" + typeField + "' is blank");
        }
        if (eventType.length() > FieldReader.MAX_ID_LENGTH) {
            throw InvalidFieldException.mustBe(typeField, "at most " + FieldReader.MAX_ID_LENGTH + " characters");
        }
        FieldReader.checked(typeField, eventType);

        JsonNode data = present(root, "data");
        if (data != null && !data.isObject()) {
            if (shape == BodyShape.GUIDE) {
                throw InvalidFieldException.mustBe("data", "a JSON object");
            }
            data = null;
        }
        FieldReader top = new FieldReader(root, null);
        FieldReader extras = shape == BodyShape.GUIDE ? new FieldReader(data, root) : new FieldReader(root, data);

        String resourceId = top.id("resource_id");
        if (resourceId == null) {
            throw new InvalidFieldException("field 'resource_id' is required (a string or an integer)");
        }
        String typeName = shape == BodyShape.GUIDE ? "resource_type" : "resource_id_type";
        String otherTypeName = shape == BodyShape.GUIDE ? "resource_id_type" : "resource_type";
        String resourceType = top.text(typeName, FieldReader.MAX_ID_LENGTH);
        if (resourceType == null) {
            resourceType = top.text(otherTypeName, FieldReader.MAX_ID_LENGTH);
        }
        Instant eventTs = extras.instant("event_ts");
        return new Parsed(new ThinEvent(
                eventType,
                resourceId,
                resourceType,
                extras.stringList("changed_fields"),
                shape,
                extras.id("host_user_id"),
                extras.text("user_name", FieldReader.MAX_TEXT_LENGTH),
                extras.text("user_email", FieldReader.MAX_TEXT_LENGTH),
                eventTs,
                extras.rawTime("updated_at"),
                extras.rawTime("created_at"),
                extras.id("resource_organization_id"),
                noteVersion(extras.id("note_version"))));
    }

    private static Integer noteVersion(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("field 'note_version' must be an integer");
        }
    }

    private static JsonNode present(JsonNode obj, String name) {
        JsonNode v = obj.get(name);
        return v == null || v.isNull() ? null : v;
    }

    /** Internal: the body is not a JSON object; becomes {@code malformed_json}. */
    private static final class BodyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BodyException(String message) {
            super(message, null, false, false);
        }
    }
}
