package io.scribehook.core.event;

import java.util.Objects;

/** What {@link ThinPayloadCodec#parse(byte[])} makes of a body: a {@link Parsed} event or a {@link Malformed} reason. */
public sealed interface ParseResult permits ParseResult.Parsed, ParseResult.Malformed {

    /** The body is a thin payload; {@code event} is its normalised form. */
    record Parsed(ThinEvent event) implements ParseResult {
        /** Requires an event. */
        public Parsed {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * The body is not a thin payload; the receiver answers 400 with {@code {"error": code, "message": message}}.
     * The message may name a field but never quotes a value from the body (values may be PHI).
     *
     * @param code    one of {@link #MALFORMED_JSON}, {@link #MISSING_EVENT_TYPE}, {@link #INVALID_FIELD}
     * @param message human text, safe to log and to return
     */
    record Malformed(String code, String message) implements ParseResult {
        /** Not JSON, not a JSON object, invalid UTF-8, a duplicate key, or trailing content. */
        public static final String MALFORMED_JSON = "malformed_json";
        /** Neither {@code event_type} nor {@code event} is present, or the one present is blank. */
        public static final String MISSING_EVENT_TYPE = "missing_event_type";
        /** A field has the wrong type or form, or the required {@code resource_id} is missing. */
        public static final String INVALID_FIELD = "invalid_field";

        /** Requires both parts. */
        public Malformed {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }
}
