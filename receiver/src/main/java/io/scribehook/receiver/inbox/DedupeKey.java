package io.scribehook.receiver.inbox;

import io.scribehook.core.event.ThinEvent;
import io.scribehook.signatures.digest.DigestAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Recognises redeliveries: event type, resource id, body SHA-256 and, when present,
 * {@code updated_at}, {@code created_at} and {@code event_ts}, hashed into one key: the first
 * 128 bits of a SHA-256, which keeps the rows small while a chance collision stays out of reach.
 * Lookups go through the resource index ({@link WebhookLog#firstWithDedupeKeys}, a whole batch at a time).
 */
public final class DedupeKey {
    private DedupeKey() {}

    public static String of(ThinEvent e, String bodySha256) {
        String material = String.join(
                "\n",
                e.eventType(),
                e.resourceId(),
                bodySha256,
                String.valueOf(e.updatedAt()),
                String.valueOf(e.createdAt()),
                String.valueOf(e.eventTs()));
        return sha256Hex(material.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(DigestAlgorithm.SHA_256.digest(bytes));
    }
}
