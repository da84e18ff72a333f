package io.scribehook.signatures.internal;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC-SHA256 key with recycled initialised {@link Mac}s, so that verifying costs one
 * {@code doFinal} and no key schedule, on platform and virtual threads alike. Not part of the API.
 */
public final class HmacKey {
    private final SecretKey key;
    private final Recycler<Mac> macs;

    public HmacKey(byte[] secret) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("an HMAC key must not be empty");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        newMac(key); // fail now, not on first use
        this.macs = new Recycler<>(() -> newMac(key));
    }

    public SecretKey key() {
        return key;
    }

    /** HMAC-SHA256 of {@code data}. */
    public byte[] mac(byte[] data) {
        Mac m = macs.take();
        byte[] out = m.doFinal(data);
        macs.give(m); // doFinal leaves it reset; after an exception it is dropped instead
        return out;
    }

    /** HMAC-SHA256 of {@code data[0, length)}. */
    public byte[] mac(byte[] data, int length) {
        Mac m = macs.take();
        m.update(data, 0, length);
        byte[] out = m.doFinal();
        macs.give(m);
        return out;
    }

    /** Constant-time comparison of the HMAC of {@code data} with {@code expected}. */
    public boolean matches(byte[] data, byte[] expected) {
        return MessageDigest.isEqual(mac(data), expected);
    }

    private static Mac newMac(SecretKey key) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** A one-off HMAC-SHA256 (no caching). */
    public static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "HmacKey[hidden]";
    }
}
