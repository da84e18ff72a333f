package io.scribehook.core.crypto;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES keys that protect data at rest ({@code SCRIBEHOOK_DATA_KEY}): a comma-separated list of
 * {@code id:base64key}, the first one current (new values are encrypted with it), the others still
 * accepted for decryption until rotation has re-encrypted everything. An id is 1 to 32 letters,
 * digits, {@code _} or {@code -}; a key is 16, 24 or 32 bytes (32 recommended), in standard or
 * URL-safe base64. Example: {@code k2:q0pV...=,k1:8hZ...=}. {@link #toString()} shows ids only.
 */
public final class DataKeys {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private final String currentId;
    private final Map<String, SecretKey> keys;

    private DataKeys(String currentId, Map<String, SecretKey> keys) {
        this.currentId = currentId;
        this.keys = keys;
    }

    /**
     * Parses the configured list.
     *
     * @throws IllegalArgumentException naming the entry (by position and id, never the key) and what is allowed
     */
    public static DataKeys parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no key given; expected id:base64key[,id:base64key...]");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String[] entries = text.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            int colon = entry.indexOf(':');
            String where = "entry " + (i + 1);
            if (colon <= 0) {
                throw new IllegalArgumentException(
                        where + " has no key id; expected id:base64key (id of letters, digits, _ or -)");
            }
            String id = entry.substring(0, colon);
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException(where + ": key id must be 1 to 32 letters, digits, _ or -");
            }
            if (keys.containsKey(id)) {
                throw new IllegalArgumentException(where + ": key id " + id + " appears twice");
            }
            keys.put(id, key(entry.substring(colon + 1).strip(), where + " (" + id + ")"));
        }
        return new DataKeys(keys.keySet().iterator().next(), Map.copyOf(keys));
    }

    /** One fresh random 256-bit key named {@code id}, as a configuration value ({@code id:base64}). */
    public static String generate(String id, SecureRandom random) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("key id must be 1 to 32 letters, digits, _ or -");
        }
        byte[] key = new byte[32];
        random.nextBytes(key);
        return id + ":" + Base64.getEncoder().encodeToString(key);
    }

    private static SecretKey key(String b64, String where) {
        byte[] raw;
        try {
            raw = (b64.indexOf('-') >= 0 || b64.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder())
                    .decode(b64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": the key is not valid base64");
        }
        if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
            throw new IllegalArgumentException(
                    where + ": the key is " + raw.length + " bytes; an AES key is 16, 24 or 32 bytes (32 recommended)");
        }
        return new SecretKeySpec(raw, "AES");
    }

    /** The id of the key new values are encrypted with. */
    public String currentId() {
        return currentId;
    }

    SecretKey current() {
        return keys.get(currentId);
    }

    Optional<SecretKey> byId(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    /** Every key id, the current one first. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        ids.add(currentId);
        keys.keySet().stream().filter(k -> !k.equals(currentId)).sorted().forEach(ids::add);
        return ids;
    }

    @Override
    public String toString() {
        return "DataKeys[current=" + currentId + ", ids=" + ids() + "]";
    }
}
