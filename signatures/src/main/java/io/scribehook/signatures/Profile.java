package io.scribehook.signatures;

import java.util.Locale;
import java.util.Optional;

/**
 * The webhook signature profiles (see CONVENTIONS.md and the module README).
 *
 * <ul>
 *   <li>{@link #GUIDE}: the seed guide's six-line base, {@code Content-Digest: sha-256=:<b64>:},
 *       {@code Signature: sig1=:<hex>:}.
 *   <li>{@link #HEALTHIE_API}: the API reference's one-line base, {@code Content-Digest:
 *       SHA-256=<b64>}, {@code Signature: sig1=<hex>}.
 *   <li>{@link #HEALTHIE_RFC9421}: standard RFC 9421 with the pinned covered components, {@code
 *       created}, {@code keyid}, {@code alg="hmac-sha256"}, {@code tag="healthie-webhook"}.
 *   <li>{@link #STANDARD_WEBHOOKS}: the Standard Webhooks spec that Svix-style receivers verify:
 *       {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature: v1,<base64>} over
 *       {@code id.timestamp.body}; no Content-Digest (see {@link StandardWebhooks}).
 * </ul>
 */
public enum Profile {
    GUIDE("guide"),
    HEALTHIE_API("healthie-api"),
    HEALTHIE_RFC9421("healthie-rfc9421"),
    STANDARD_WEBHOOKS("standard-webhooks");

    /** The three profiles of Healthie senders: what a verifier accepts unless told otherwise. */
    public static final java.util.List<Profile> HEALTHIE = java.util.List.of(GUIDE, HEALTHIE_API, HEALTHIE_RFC9421);

    private final String id;

    Profile(String id) {
        this.id = id;
    }

    /** The name used in configuration: {@code guide}, {@code healthie-api}, {@code healthie-rfc9421}, {@code standard-webhooks}. */
    public String id() {
        return id;
    }

    /** The profile with this id (case-insensitive, surrounding blanks ignored). */
    public static Optional<Profile> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        for (Profile p : values()) {
            if (p.id.equals(wanted)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
