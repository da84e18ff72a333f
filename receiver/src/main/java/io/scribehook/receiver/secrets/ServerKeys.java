package io.scribehook.receiver.secrets;

import io.scribehook.store.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Random server keys kept in the database ({@code receiver_keys}, hex), one per name, for keyed
 * hashes that every instance on one database must compute alike (participant pseudonyms). A key
 * is made on first use with {@code INSERT ... ON CONFLICT DO NOTHING} and then read back, so
 * instances racing to create it all end up with the one committed first. Values are never logged
 * and never leave the caller.
 */
public final class ServerKeys {
    /** Length of a new key. */
    public static final int KEY_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ServerKeys() {}

    /** The key called {@code name}, created (random, {@link #KEY_BYTES} bytes) if there is none yet. */
    public static byte[] getOrCreate(Database db, String name, Clock clock) {
        Optional<byte[]> existing = db.withHandle(h -> find(h, name));
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] fresh = new byte[KEY_BYTES];
        RANDOM.nextBytes(fresh);
        return db.writer().write(h -> {
            h.createUpdate("INSERT INTO receiver_keys (name, value, created_at) VALUES (:n, :v, :t) "
                            + "ON CONFLICT (name) DO NOTHING")
                    .bind("n", name)
                    .bind("v", HexFormat.of().formatHex(fresh))
                    .bind("t", clock.millis())
                    .execute();
            return find(h, name)
                    .orElseThrow(() -> new IllegalStateException(
                            "server key '" + name + "' is missing right after it was stored"));
        });
    }

    private static Optional<byte[]> find(Handle h, String name) {
        return h.createQuery("SELECT value FROM receiver_keys WHERE name = :n")
                .bind("n", name)
                .mapTo(String.class)
                .findOne()
                .map(v -> decode(name, v));
    }

    private static byte[] decode(String name, String value) {
        try {
            byte[] key = HexFormat.of().parseHex(value);
            if (key.length >= 16) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // reported below, without the value
        }
        throw new IllegalStateException("server key '" + name + "' in receiver_keys is not at least 16 bytes of hex; "
                + "delete the row to have a new key made (pseudonyms made with the old key will change)");
    }
}
