package io.scribehook.receiver.secrets;

import io.scribehook.store.Database;
import io.scribehook.store.ServerKeyTable;
import java.time.Clock;

/** The receiver's server keys ({@code receiver_keys}): participant pseudonyms; see {@link ServerKeyTable}. */
public final class ServerKeys {
    /** Length of a new key. */
    public static final int KEY_BYTES = ServerKeyTable.KEY_BYTES;

    private static final ServerKeyTable TABLE = new ServerKeyTable("receiver_keys");

    private ServerKeys() {}

    /** The key called {@code name}, created if there is none yet. */
    public static byte[] getOrCreate(Database db, String name, Clock clock) {
        return TABLE.getOrCreate(db, name, clock);
    }
}
