package io.scribehook.signatures.digest;

import io.scribehook.signatures.internal.Recycler;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/** The RFC 9530 hash algorithms this library computes. Insecure ones (md5, sha, crc32c...) are not. */
public enum DigestAlgorithm {
    SHA_256("sha-256", "SHA-256", 32),
    SHA_512("sha-512", "SHA-512", 64);

    private final String key;
    private final String jcaName;
    private final int length;
    private final Recycler<MessageDigest> digests;

    DigestAlgorithm(String key, String jcaName, int length) {
        this.key = key;
        this.jcaName = jcaName;
        this.length = length;
        this.digests = new Recycler<>(() -> {
            try {
                return MessageDigest.getInstance(jcaName);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(jcaName + " is not available", e);
            }
        });
    }

    /** The dictionary key: {@code sha-256}, {@code sha-512}. */
    public String key() {
        return key;
    }

    public String jcaName() {
        return jcaName;
    }

    /** The digest length in bytes. */
    public int length() {
        return length;
    }

    /** The digest of {@code data}. */
    public byte[] digest(byte[] data) {
        MessageDigest d = digests.take();
        byte[] out = d.digest(data);
        digests.give(d); // digest() leaves it reset
        return out;
    }

    /** The algorithm with this dictionary key (exact, lowercase as RFC 9530 registers them). */
    public static Optional<DigestAlgorithm> byKey(String key) {
        DigestAlgorithm a = forKey(key);
        return a == null ? Optional.empty() : Optional.of(a);
    }

    /** The algorithm for a dictionary key, or null. */
    static DigestAlgorithm forKey(String key) {
        return switch (key) {
            case "sha-256" -> SHA_256;
            case "sha-512" -> SHA_512;
            default -> null;
        };
    }

    /** The algorithm for a legacy RFC 3230 name ({@code SHA-256}, any case). */
    static Optional<DigestAlgorithm> byLegacyName(String name) {
        return byKey(name.strip().toLowerCase(Locale.ROOT));
    }
}
