package io.scribehook.hub.keys;

import io.scribehook.store.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Random server keys of the hub ({@code hub_keys}, hex), one per name, such as the key that signs
 * transcript download URLs, which every instance on one database must share. Made on first use with
 * {@code INSERT ... ON CONFLICT DO NOTHING} and read back, so racing instances agree on the first one
 * committed. Values are never logged.
 */
public final class HubKeys {
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private HubKeys() {}

    /** The key called {@code name}, created if there is none yet. */
    public static byte[] getOrCreate(Database db, String name, Clock clock) {
        Optional<byte[]> existing = db.withHandle(h -> find(h, name));
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] fresh = new byte[KEY_BYTES];
        RANDOM.nextBytes(fresh);
        return db.writer().write(h -> {
            h.createUpdate("INSERT INTO hub_keys (name, value, created_at) VALUES (:n, :v, :t) "
                            + "ON CONFLICT (name) DO NOTHING")
                    .bind("n", name)
                    .bind("v", HexFormat.of().formatHex(fresh))
                    .bind("t", clock.millis())
                    .execute();
            return find(h, name)
                    .orElseThrow(() ->
                            new IllegalStateException("hub key '" + name + "' is missing right after it was stored"));
        });
    }

    private static Optional<byte[]> find(Handle h, String name) {
        return h.createQuery("SELECT value FROM hub_keys WHERE name = :n")
                .bind("n", name)
                .mapTo(String.class)
                .findOne()
                .map(v -> {
                    byte[] key = HexFormat.of().parseHex(v);
                    if (key.length < 16) {
                        throw new IllegalStateException("hub key '" + name
                                + "' is shorter than 16 bytes; delete the row to have a new one made");
                    }
                    return key;
                });
    }
}
