package io.scribehook.hub.keys;

import io.scribehook.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Handle;

/**
 * The API keys of {@code /graphql}. A key reads {@code shk_<key id>_<secret>}: the key id (12 hex
 * digits) finds the row, and the SHA-256 of the secret (32 random bytes, base64url) is compared in
 * constant time with the stored one. The secret itself is never stored, logged or shown again.
 */
public final class ApiKeys {
    private static final Pattern FORM = Pattern.compile("shk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");
    private static final byte[] NO_HASH = new byte[32];
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Database db;
    private final Clock clock;

    public ApiKeys(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Creates a key; {@code name} is an optional label (at most 200 characters). */
    public NewApiKey create(String name) {
        if (name != null && (name.isBlank() || name.length() > 200)) {
            throw new IllegalArgumentException("a key name must be 1 to 200 characters");
        }
        byte[] id = new byte[6];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String keyId = HexFormat.of().formatHex(id);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = Instant.ofEpochMilli(clock.millis());
        db.writer().write(h -> insert(h, keyId, name, sha256Hex(secretText), now));
        return new NewApiKey(new ApiKey(keyId, name, now, null), "shk_" + keyId + "_" + secretText);
    }

    /**
     * The key of this process's own receiver, derived from {@code seed} (a server key from {@link
     * HubKeys}) so that every start and every instance on the database arrive at the same key without
     * its value being stored; its row is made on first use. The value never leaves the process. Empty
     * when an operator has revoked it (with {@code scribehook hub api-key}); it is then not remade.
     */
    public Optional<String> local(String name, byte[] seed) {
        String keyId = HexFormat.of().formatHex(hmac(seed, "key-id"), 0, 6);
        String value =
                "shk_" + keyId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(seed, "secret"));
        Instant now = Instant.ofEpochMilli(clock.millis());
        String hash = sha256Hex(value.substring(4 + keyId.length() + 1));
        db.writer()
                .write(h -> h.createUpdate(
                                "INSERT INTO hub_api_keys (key_id, name, secret_sha256, created_at) VALUES (?, ?, ?, ?) "
                                        + "ON CONFLICT (key_id) DO NOTHING")
                        .bind(0, keyId)
                        .bind(1, name)
                        .bind(2, hash)
                        .bind(3, now.toEpochMilli())
                        .execute());
        return authenticate(value).map(k -> value);
    }

    private static byte[] hmac(byte[] key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    private static int insert(Handle h, String keyId, String name, String hash, Instant now) {
        return h.createUpdate("INSERT INTO hub_api_keys (key_id, name, secret_sha256, created_at) VALUES (?, ?, ?, ?)")
                .bind(0, keyId)
                .bind(1, name)
                .bind(2, hash)
                .bind(3, now.toEpochMilli())
                .execute();
    }

    /** The active key {@code presented} is, or empty (unknown form, unknown id, wrong secret, revoked). */
    public Optional<ApiKey> authenticate(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        var m = FORM.matcher(presented.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String keyId = m.group(1);
        byte[] given = sha256(m.group(2));
        Optional<Stored> stored = db.withHandle(h -> h.createQuery(
                        "SELECT key_id, name, secret_sha256, created_at, revoked_at FROM hub_api_keys WHERE key_id = ?")
                .bind(0, keyId)
                .map((rs, ctx) -> new Stored(
                        new ApiKey(
                                rs.getString(1),
                                rs.getString(2),
                                Instant.ofEpochMilli(rs.getLong(4)),
                                millis(rs.getObject(5))),
                        HexFormat.of().parseHex(rs.getString(3))))
                .findOne());
        byte[] expected = stored.map(Stored::hash).orElse(NO_HASH);
        boolean equal = MessageDigest.isEqual(expected, given);
        return stored.filter(s -> equal && s.key().active()).map(Stored::key);
    }

    /** Every key, newest first, without secrets. */
    public List<ApiKey> list() {
        return db.withHandle(h -> h.createQuery(
                        "SELECT key_id, name, created_at, revoked_at FROM hub_api_keys ORDER BY created_at DESC, key_id")
                .map((rs, ctx) -> new ApiKey(
                        rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), millis(rs.getObject(4))))
                .list());
    }

    /** Revokes a key; false when no active key has that id. */
    public boolean revoke(String keyId) {
        long now = clock.millis();
        return db.writer()
                        .write(h -> h.createUpdate(
                                        "UPDATE hub_api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL")
                                .bind(0, now)
                                .bind(1, keyId)
                                .execute())
                > 0;
    }

    private record Stored(ApiKey key, byte[] hash) {}

    private static Instant millis(Object value) {
        return value == null ? null : Instant.ofEpochMilli(((Number) value).longValue());
    }

    static String sha256Hex(String secret) {
        return HexFormat.of().formatHex(sha256(secret));
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
