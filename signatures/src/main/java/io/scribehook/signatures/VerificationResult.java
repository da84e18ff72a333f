package io.scribehook.signatures;

import java.util.Objects;

/**
 * The outcome of verifying a message: {@link Verified} or {@link Failed}. Switch over it:
 *
 * <pre>{@code
 * switch (verifier.verify(message)) {
 *   case VerificationResult.Verified v -> accept(v.keyId());
 *   case VerificationResult.Failed f -> reject(f.reason().code(), f.message());
 * }
 * }</pre>
 */
public sealed interface VerificationResult permits VerificationResult.Verified, VerificationResult.Failed {

    /** True for {@link Verified}. */
    boolean isVerified();

    /**
     * A signature verified.
     *
     * @param label the signature's label ({@code sig1}); {@code v0} for Zoom
     * @param keyId the id of the key that verified it; null for Zoom
     * @param profile the webhook profile that matched; null for Zoom and for the generic RFC 9421
     *     {@link io.scribehook.signatures.rfc9421.MessageVerifier}
     */
    record Verified(String label, String keyId, Profile profile) implements VerificationResult {
        @Override
        public boolean isVerified() {
            return true;
        }
    }

    /**
     * Verification failed.
     *
     * @param reason the specific reason
     * @param message a human explanation; never contains key material
     */
    record Failed(Reason reason, String message) implements VerificationResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public boolean isVerified() {
            return false;
        }

        /** The more informative of two failures (higher {@link Reason#specificity()}, else this). */
        public Failed moreInformative(Failed other) {
            if (other == null) {
                return this;
            }
            return other.reason.specificity() > reason.specificity() ? other : this;
        }
    }
}
