package io.scribehook.signatures.digest;

import io.scribehook.signatures.Reason;
import java.util.Objects;

/** The outcome of checking a body against a digest field: {@link Valid} or {@link Invalid}. */
public sealed interface DigestCheck permits DigestCheck.Valid, DigestCheck.Invalid {

    boolean isValid();

    /** Every supported algorithm in the field matched; {@code algorithm} is the strongest. */
    record Valid(DigestAlgorithm algorithm) implements DigestCheck {
        @Override
        public boolean isValid() {
            return true;
        }
    }

    /**
     * The field is missing, malformed, names no supported algorithm, or does not match the body.
     *
     * @param reason one of {@code missing_content_digest}, {@code malformed_content_digest}, {@code
     *     unsupported_digest_algorithm}, {@code digest_mismatch}
     */
    record Invalid(Reason reason, String message) implements DigestCheck {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public boolean isValid() {
            return false;
        }
    }
}
