package io.scribehook.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads from a payload object, looking in a primary object first and a secondary one second
 * (GUIDE extras live in {@code data}, REFERENCE extras at the top level; either is accepted in the
 * other place too). A JSON {@code null} counts as absent. Wrong types throw
 * {@link InvalidFieldException}, whose message names the field and never quotes the value.
 */
final class FieldReader {
    static final int MAX_ID_LENGTH = 255;
    static final int MAX_TEXT_LENGTH = 4096;
    static final int MAX_LIST_SIZE = 1000;

    private final JsonNode primary;
    private final JsonNode secondary;

    FieldReader(JsonNode primary, JsonNode secondary) {
        this.primary = primary;
        this.secondary = secondary;
    }

    /** The value of {@code name}, or {@code null} when absent or JSON null in both places. */
    JsonNode get(String name) {
        JsonNode v = primary == null ? null : primary.get(name);
        if (v == null || v.isNull()) {
            v = secondary == null ? null : secondary.get(name);
        }
        return v == null || v.isNull() ? null : v;
    }

    /** An id: a non-blank string, or an integer written in its decimal form. */
    String id(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        String s;
        if (v.isTextual()) {
            s = v.textValue();
        } else if (v.isIntegralNumber()) {
            s = v.bigIntegerValue().toString();
        } else {
            throw InvalidFieldException.mustBe(name, "a string or an integer");
        }
        if (s.isBlank() || s.length() > MAX_ID_LENGTH) {
            throw InvalidFieldException.mustBe(name, "a non-blank id of at most " + MAX_ID_LENGTH + " characters");
        }
        return checked(name, s);
    }

    /** A string. */
    String text(String name, int maxLength) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw InvalidFieldException.mustBe(name, "a string");
        }
        if (v.textValue().length() > maxLength) {
            throw InvalidFieldException.mustBe(name, "at most " + maxLength + " characters");
        }
        return checked(name, v.textValue());
    }

    /** A time kept as the sender wrote it: a string as-is, a number as its JSON text. */
    String rawTime(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (v.isTextual()) {
            return text(name, MAX_ID_LENGTH);
        }
        if (v.isIntegralNumber()) {
            return id(name);
        }
        if (v.isNumber()) {
            BigDecimal d = v.decimalValue();
            if (d.precision() - d.scale() < MAX_ID_LENGTH && d.scale() < MAX_ID_LENGTH) {
                return d.toPlainString();
            }
        }
        throw InvalidFieldException.mustBe(name, "a string or a number");
    }

    /** An array of strings; absent gives an empty list. */
    List<String> stringList(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray() || v.size() > MAX_LIST_SIZE) {
            throw InvalidFieldException.mustBe(name, "an array of at most " + MAX_LIST_SIZE + " strings");
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isTextual() || e.textValue().length() > MAX_ID_LENGTH) {
                throw InvalidFieldException.mustBe(name, "an array of strings");
            }
            out.add(checked(name, e.textValue()));
        }
        return out;
    }

    /** A timestamp, see {@link EventTimestamps}. */
    Instant instant(String name) {
        JsonNode v = get(name);
        return v == null ? null : EventTimestamps.read(name, v);
    }

    /**
     * Rejects text that could not be stored or re-encoded faithfully: U+0000 (PostgreSQL text refuses
     * it) and unpaired UTF-16 surrogates (JSON allows them as escapes; UTF-8 cannot hold them).
     */
    static String checked(String name, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw new InvalidFieldException("field '" + name + "' contains a NUL character");
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidFieldException("field '" + name + "' contains an unpaired surrogate escape");
            }
        }
        return s;
    }
}
