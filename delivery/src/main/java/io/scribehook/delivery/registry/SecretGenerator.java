package io.scribehook.delivery.registry;

import io.scribehook.signatures.WebhookSecret;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * New signing secrets: {@code whsec_} and the base64 of 24 random bytes (the Standard Webhooks
 * form, which every profile accepts as its UTF-8 bytes), with a key id {@code k_} and 8 hex digits.
 */
final class SecretGenerator {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretGenerator() {}

    static WebhookSecret next() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        byte[] id = new byte[4];
        RANDOM.nextBytes(id);
        return new WebhookSecret(
                "k_" + HexFormat.of().formatHex(id),
                "whsec_" + Base64.getEncoder().encodeToString(key));
    }
}
