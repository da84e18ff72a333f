package io.scribehook.hub.keys;

import io.scribehook.store.Database;
import io.scribehook.store.ServerKeyTable;
import java.time.Clock;

/** The hub's server keys ({@code hub_keys}), such as the key that signs transcript download URLs; see {@link ServerKeyTable}. */
public final class HubKeys {
    private static final ServerKeyTable TABLE = new ServerKeyTable("hub_keys");

    /** The seed of the API key this process's own receiver fetches from {@code /graphql} with. */
    public static final String LOCAL_RECEIVER_KEY = "local-receiver-api-key";

    private HubKeys() {}

    /** The key called {@code name}, created if there is none yet. */
    public static byte[] getOrCreate(Database db, String name, Clock clock) {
        return TABLE.getOrCreate(db, name, clock);
    }
}
