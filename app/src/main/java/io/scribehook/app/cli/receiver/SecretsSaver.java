package io.scribehook.app.cli.receiver;

import io.scribehook.receiver.secrets.SecretStore;
import java.io.PrintWriter;
import java.time.Clock;

/** Stores a secret read back from Healthie, through the running server or the database. */
final class SecretsSaver {
    private SecretsSaver() {}

    static void save(ServerOrDatabase target, PrintWriter out, String keyId, String secret) {
        String where = target.run(
                c -> c.post(
                        "/api/receiver/secrets",
                        "{\"key_id\":" + ServerOrDatabase.quote(keyId) + ",\"secret\":" + ServerOrDatabase.quote(secret)
                                + "}"),
                a -> "the running server",
                db -> {
                    db.writer().write(h -> {
                        SecretStore.put(h, keyId, secret, Clock.systemUTC().instant());
                        return null;
                    });
                    return "the database";
                });
        out.println("secret saved as " + keyId + " in " + where);
    }
}
