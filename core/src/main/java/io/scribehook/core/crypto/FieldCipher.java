package io.scribehook.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts single database values with AES-256-GCM: a random 96-bit nonce per value, a 128-bit tag,
 * and associated data binding the value to its place ({@link Place}: table, row id, column), so a
 * ciphertext copied to another row or column does not decrypt. A stored value reads
 * {@code enc1:<key id>:<base64url(nonce || ciphertext || tag)>}: it names the key it needs.
 * Thread-safe. Failures never quote the value.
 */
public final class FieldCipher {
    /** The prefix of every value this class writes. */
    public static final String PREFIX = "enc1:";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final DataKeys keys;
    private final SecureRandom random;

    public FieldCipher(DataKeys keys) {
        this(keys, new SecureRandom());
    }

    public FieldCipher(DataKeys keys, SecureRandom random) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Where a value is stored; the associated data of its encryption. */
    public record Place(String table, String rowId, String column) {
        public Place {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(rowId, "rowId");
            Objects.requireNonNull(column, "column");
        }

        byte[] aad() {
            return ("scribehook\u0000" + table + "\u0000" + rowId + "\u0000" + column).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A stored value that cannot be decrypted here; the message names the place and key id, never the value. */
    public static final class UndecryptableException extends RuntimeException {
        UndecryptableException(String message) {
            super(message, null, false, false);
        }
    }

    public DataKeys keys() {
        return keys;
    }

    /** Encrypts {@code plaintext} (null stays null) with the current key for {@code place}. */
    public String encrypt(String plaintext, Place place) {
        if (plaintext == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.current(), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(place.aad());
            byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + keys.currentId() + ":"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "AES-GCM is not available: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Decrypts a value this class wrote for the same place (null stays null).
     *
     * @throws UndecryptableException when the key is unknown, the value was made for another place,
     *     or it was altered
     */
    public String decrypt(String stored, Place place) {
        if (stored == null) {
            return null;
        }
        String where = place.table() + "." + place.column() + " of row " + place.rowId();
        if (!stored.startsWith(PREFIX)) {
            throw new UndecryptableException(where + " is not an encrypted value");
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (colon < 0) {
            throw new UndecryptableException(where + " is malformed (no key id)");
        }
        String keyId = stored.substring(PREFIX.length(), colon);
        SecretKey key = keys.byId(keyId)
                .orElseThrow(() -> new UndecryptableException(
                        where + " needs data key " + keyId + ", which is not in SCRIBEHOOK_DATA_KEY"));
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(stored.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new UndecryptableException(where + " is malformed (not base64)");
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UndecryptableException(where + " is malformed (too short)");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            c.updateAAD(place.aad());
            byte[] plain = c.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new UndecryptableException(where + " does not authenticate with key " + keyId
                    + " (altered, or moved from another row or column)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "AES-GCM is not available: " + e.getClass().getSimpleName(), e);
        }
    }

    /** The id of the key {@code stored} names, or null when it is not a value of this class. */
    public static String keyIdOf(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return null;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        return colon < 0 ? null : stored.substring(PREFIX.length(), colon);
    }

    /** Whether {@code stored} is encrypted with a key other than the current one. */
    public boolean needsRotation(String stored) {
        return stored != null && !keys.currentId().equals(keyIdOf(stored));
    }
}
