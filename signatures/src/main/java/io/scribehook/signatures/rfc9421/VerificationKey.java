package io.scribehook.signatures.rfc9421;

import io.scribehook.signatures.internal.HmacKey;
import java.security.Key;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * A key that verifies signatures: a public key, or a shared secret for hmac-sha256, with its key id
 * and the one algorithm it may be used with (no algorithm confusion). Thread-safe; HMAC keys keep
 * an initialised {@code Mac} per thread. {@link #toString()} shows no key material.
 */
public final class VerificationKey {
    private final String keyId;
    private final SignatureAlgorithm algorithm;
    private final Key key;
    private final HmacKey hmac;

    private VerificationKey(String keyId, SignatureAlgorithm algorithm, Key key, HmacKey hmac) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.algorithm = algorithm;
        this.key = key;
        this.hmac = hmac;
    }

    /** A shared secret for hmac-sha256 (the bytes are copied). */
    public static VerificationKey hmac(String keyId, byte[] secret) {
        HmacKey h = new HmacKey(secret.clone());
        return new VerificationKey(keyId, SignatureAlgorithm.HMAC_SHA256, h.key(), h);
    }

    /** A public key whose type decides the algorithm (see {@link SignatureAlgorithm#forKey}). */
    public static VerificationKey of(String keyId, PublicKey key) {
        return new VerificationKey(keyId, SignatureAlgorithm.forKey(key), key, null);
    }

    /** A public key for an explicit algorithm, e.g. an RSA key for rsa-v1_5-sha256. */
    public static VerificationKey of(String keyId, SignatureAlgorithm algorithm, PublicKey key) {
        if (algorithm == SignatureAlgorithm.HMAC_SHA256 || !algorithm.fits(key)) {
            throw new IllegalArgumentException("a " + key.getAlgorithm() + " key does not fit " + algorithm.id());
        }
        return new VerificationKey(keyId, algorithm, key, null);
    }

    public String keyId() {
        return keyId;
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** The public key; empty for a shared secret (which is never handed out). */
    public Optional<PublicKey> publicKey() {
        return key instanceof PublicKey p ? Optional.of(p) : Optional.empty();
    }

    /** The expected signature length in bytes. */
    public int signatureLength() {
        return algorithm.signatureLength(key);
    }

    /** Verifies {@code signature} over {@code base}; HMACs are compared in constant time. */
    public boolean verify(byte[] base, byte[] signature) {
        if (hmac != null) {
            return hmac.matches(base, signature);
        }
        return algorithm.verify(key, base, signature);
    }

    @Override
    public String toString() {
        return "VerificationKey[" + keyId + ", " + algorithm.id() + "]";
    }
}
