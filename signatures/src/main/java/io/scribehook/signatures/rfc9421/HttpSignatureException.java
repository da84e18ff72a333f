package io.scribehook.signatures.rfc9421;

import io.scribehook.signatures.Reason;
import java.util.Objects;

/**
 * Signing or building a signature base failed for a specific {@link Reason} (a component is missing,
 * a parameter is malformed, a key does not fit the algorithm). The message never holds key material.
 */
public final class HttpSignatureException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Reason reason;

    public HttpSignatureException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
