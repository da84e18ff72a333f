package io.scribehook.signatures;

/**
 * Why a verification failed. Every malformed input maps to one of these; there is no catch-all.
 * {@link #code()} is the stable snake_case name for logs, metrics and error bodies.
 */
public enum Reason {
    /** No Signature header (or no {@code x-zm-signature}). */
    MISSING_SIGNATURE("missing_signature", 0),
    /** The Signature header is not of the form the profile expects. */
    MALFORMED_SIGNATURE("malformed_signature", 1),
    /** Signature-Input is absent where required, or is not a valid dictionary of inner lists. */
    MALFORMED_SIGNATURE_INPUT("malformed_signature_input", 1),
    /** No label is present in both Signature-Input and Signature, or the required label is absent. */
    LABEL_NOT_FOUND("label_not_found", 2),
    /** A component identifier appears twice in the covered components. */
    DUPLICATE_COMPONENT("duplicate_component", 3),
    /** A required component is not covered, or a covered component is absent from the message. */
    COMPONENT_MISSING("component_missing", 3),
    /** A required signature parameter ({@code created}, {@code keyid}, {@code tag}, ...) is absent. */
    MISSING_REQUIRED_PARAMETER("missing_required_parameter", 4),
    /** The {@code tag} parameter is not the one the verifier requires. */
    TAG_MISMATCH("tag_mismatch", 4),
    /** The {@code alg} parameter names no supported (or no accepted) algorithm. */
    UNKNOWN_ALGORITHM("unknown_algorithm", 4),
    /** {@code created} is later than now plus the allowed clock skew. */
    CREATED_IN_FUTURE("created_in_future", 5),
    /** {@code created} is older than the maximum age plus the allowed clock skew. */
    CREATED_TOO_OLD("created_too_old", 5),
    /** {@code expires} has passed (beyond the allowed clock skew). */
    SIGNATURE_EXPIRED("signature_expired", 5),
    /** No key is known for the {@code keyid}. */
    UNKNOWN_KEY("unknown_key", 6),
    /** The {@code alg} parameter disagrees with the algorithm of the key. */
    ALGORITHM_MISMATCH("algorithm_mismatch", 6),
    /** A Content-Digest is required but absent. */
    MISSING_CONTENT_DIGEST("missing_content_digest", 7),
    /** The Content-Digest is not a valid dictionary of byte sequences (or legacy form). */
    MALFORMED_CONTENT_DIGEST("malformed_content_digest", 7),
    /** The Content-Digest names no algorithm this library supports (sha-256, sha-512). */
    UNSUPPORTED_DIGEST_ALGORITHM("unsupported_digest_algorithm", 7),
    /** The body does not match the Content-Digest: the body was changed. */
    DIGEST_MISMATCH("digest_mismatch", 8),
    /** Everything parsed and matched, but no key verifies the signature. */
    SIGNATURE_INVALID("signature_invalid", 9);

    private final String code;
    private final int specificity;

    Reason(String code, int specificity) {
        this.code = code;
        this.specificity = specificity;
    }

    /** The stable snake_case code, e.g. {@code digest_mismatch}. */
    public String code() {
        return code;
    }

    /**
     * How far verification got before failing, 0 (nothing to verify) to 9 (the cryptographic check
     * itself). When several profiles or signatures fail, the failure with the highest specificity is
     * the most informative one.
     */
    public int specificity() {
        return specificity;
    }
}
