package io.scribehook.receiver.secrets;

import io.scribehook.signatures.WebhookSecret;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Webhook secrets kept in the database ({@code receiver_secrets}), added with
 * {@code scribehook receiver secrets add} or {@code receiver register --save}. Merged with
 * {@code SCRIBEHOOK_WEBHOOK_SECRETS}; the values never leave this class except into the verifier.
 */
public final class SecretStore {
    private SecretStore() {}

    /** Adds or replaces the secret with this key id. */
    public static void put(Handle h, String keyId, String secret, Instant now) {
        h.createUpdate(
                        "INSERT INTO receiver_secrets (key_id, secret, created_at) VALUES (:k, :s, :t) "
                                + "ON CONFLICT (key_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at")
                .bind("k", keyId)
                .bind("s", secret)
                .bind("t", now.toEpochMilli())
                .execute();
    }

    public static boolean delete(Handle h, String keyId) {
        return h.createUpdate("DELETE FROM receiver_secrets WHERE key_id = :k")
                        .bind("k", keyId)
                        .execute()
                == 1;
    }

    /** Newest first, so the most recently added secret is tried first. */
    public static List<WebhookSecret> all(Handle h) {
        return h.createQuery("SELECT key_id, secret FROM receiver_secrets ORDER BY created_at DESC, key_id")
                .map((rs, ctx) -> new WebhookSecret(rs.getString("key_id"), rs.getString("secret")))
                .list();
    }

    /** Key ids and creation times, for listing (no values). */
    public static List<SecretInfo> list(Handle h) {
        return h.createQuery("SELECT key_id, created_at FROM receiver_secrets ORDER BY created_at DESC, key_id")
                .map((rs, ctx) -> new SecretInfo(
                        rs.getString("key_id"), Instant.ofEpochMilli(rs.getLong("created_at")), "database"))
                .list();
    }

    /** A secret's identity without its value. */
    public record SecretInfo(String keyId, Instant createdAt, String source) {}
}
