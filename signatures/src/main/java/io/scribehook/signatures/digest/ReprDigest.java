package io.scribehook.signatures.digest;

import java.util.Set;

/**
 * RFC 9530 {@code Repr-Digest}: the same dictionary format as {@link ContentDigest}, computed over
 * the selected representation's data instead of the message content. Pass those bytes.
 */
public final class ReprDigest {
    /** The field name. */
    public static final String FIELD = "Repr-Digest";

    private ReprDigest() {}

    /** {@code sha-256=:<base64>:} for the representation data. */
    public static String create(byte[] representation) {
        return ContentDigest.create(representation);
    }

    public static String create(byte[] representation, DigestAlgorithm... algorithms) {
        return ContentDigest.create(representation, algorithms);
    }

    /** Checks the field against the representation data; reasons are those of {@link ContentDigest}. */
    public static DigestCheck verify(String fieldValue, byte[] representation) {
        return ContentDigest.verify(fieldValue, representation);
    }

    public static DigestCheck verify(String fieldValue, byte[] representation, Set<DigestAlgorithm> accepted) {
        return ContentDigest.verify(fieldValue, representation, accepted);
    }
}
