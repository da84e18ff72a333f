package io.scribehook.core.event;

/** Internal short-cut out of field reading; becomes {@code Malformed(invalid_field, message)}. Never escapes the codec. */
final class InvalidFieldException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidFieldException(String message) {
        super(message, null, false, false);
    }

    /** "field 'x' must be ..." — names the field, never its value. */
    static InvalidFieldException mustBe(String field, String what) {
        return new InvalidFieldException("field '" + field + "' must be " + what);
    }
}
