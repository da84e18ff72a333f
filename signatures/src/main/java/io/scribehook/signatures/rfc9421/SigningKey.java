package io.scribehook.signatures.rfc9421;

import io.scribehook.signatures.internal.HmacKey;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.util.Objects;

/**
 * A key that signs: a private key, or a shared secret for hmac-sha256, with its key id and its one
 * algorithm. Thread-safe. {@link #toString()} shows no key material.
 */
public final class SigningKey {
    private final String keyId;
    private final SignatureAlgorithm algorithm;
    private final Key key;
    private final HmacKey hmac;

    private SigningKey(String keyId, SignatureAlgorithm algorithm, Key key, HmacKey hmac) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.algorithm = algorithm;
        this.key = key;
        this.hmac = hmac;
    }

    /** A shared secret for hmac-sha256 (the bytes are copied). */
    public static SigningKey hmac(String keyId, byte[] secret) {
        HmacKey h = new HmacKey(secret.clone());
        return new SigningKey(keyId, SignatureAlgorithm.HMAC_SHA256, h.key(), h);
    }

    /** A private key whose type decides the algorithm (see {@link SignatureAlgorithm#forKey}). */
    public static SigningKey of(String keyId, PrivateKey key) {
        return new SigningKey(keyId, SignatureAlgorithm.forKey(key), key, null);
    }

    /** A private key for an explicit algorithm, e.g. an RSA key for rsa-pss-sha512. */
    public static SigningKey of(String keyId, SignatureAlgorithm algorithm, PrivateKey key) {
        if (algorithm == SignatureAlgorithm.HMAC_SHA256 || !algorithm.fits(key)) {
            throw new IllegalArgumentException("a " + key.getAlgorithm() + " key does not fit " + algorithm.id());
        }
        return new SigningKey(keyId, algorithm, key, null);
    }

    public String keyId() {
        return keyId;
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** Signs the signature base. */
    public byte[] sign(byte[] base) throws GeneralSecurityException {
        return hmac != null ? hmac.mac(base) : algorithm.sign(key, base);
    }

    @Override
    public String toString() {
        return "SigningKey[" + keyId + ", " + algorithm.id() + "]";
    }
}
