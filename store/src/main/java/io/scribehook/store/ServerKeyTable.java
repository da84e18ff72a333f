package io.scribehook.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Random server keys kept in a module's table ({@code name, value, created_at}; values hex), one
 * per name, for keys every instance on one database must share (participant pseudonyms, signed
 * download URLs). A key is made on first use with {@code INSERT ... ON CONFLICT DO NOTHING} and
 * read back, so instances racing to create it all end up with the one committed first. Values are
 * never logged and never appear in errors.
 */
public final class ServerKeyTable {
    /** Length of a new key. */
    public static final int KEY_BYTES = 32;

    private static final int MIN_BYTES = 16;
    private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String table;

    /** The keys in {@code table}, a module's own table name (a constant, never input). */
    public ServerKeyTable(String table) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        this.table = table;
    }

    /** The key called {@code name}, created (random, {@link #KEY_BYTES} bytes) if there is none yet. */
    public byte[] getOrCreate(Database db, String name, Clock clock) {
        Optional<byte[]> existing = db.withHandle(h -> find(h, name));
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] fresh = new byte[KEY_BYTES];
        RANDOM.nextBytes(fresh);
        return db.writer().write(h -> {
            h.createUpdate("INSERT INTO " + table + " (name, value, created_at) VALUES (:n, :v, :t) "
                            + "ON CONFLICT (name) DO NOTHING")
                    .bind("n", name)
                    .bind("v", HexFormat.of().formatHex(fresh))
                    .bind("t", clock.millis())
                    .execute();
            return find(h, name)
                    .orElseThrow(() -> new IllegalStateException(
                            "server key '" + name + "' is missing from " + table + " right after it was stored"));
        });
    }

    private Optional<byte[]> find(Handle h, String name) {
        return h.createQuery("SELECT value FROM " + table + " WHERE name = :n")
                .bind("n", name)
                .mapTo(String.class)
                .findOne()
                .map(v -> decode(name, v));
    }

    private byte[] decode(String name, String value) {
        try {
            byte[] key = HexFormat.of().parseHex(value);
            if (key.length >= MIN_BYTES) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // reported below, without the value
        }
        throw new IllegalStateException("server key '" + name + "' in " + table + " is not at least " + MIN_BYTES
                + " bytes of hex; delete the row to have a new key made (what was keyed with the old one changes)");
    }
}
