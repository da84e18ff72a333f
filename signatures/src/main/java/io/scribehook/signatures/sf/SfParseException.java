package io.scribehook.signatures.sf;

/**
 * A structured field value does not follow RFC 8941 / RFC 9651. Carries the offset where parsing
 * stopped; the message describes the problem without echoing the input.
 */
public final class SfParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int offset;

    public SfParseException(String message, int offset) {
        super(message + " at offset " + offset, null, false, false);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
