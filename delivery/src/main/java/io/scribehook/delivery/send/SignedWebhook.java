package io.scribehook.delivery.send;

import io.scribehook.core.event.BodyShape;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.core.event.ThinPayloadCodec;
import io.scribehook.signatures.Profile;
import io.scribehook.signatures.WebhookSecret;
import io.scribehook.signatures.WebhookSigner;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the delivery engine writes a webhook request: the event's thin body in a shape, and the
 * headers of a signature profile plus a {@code Webhook-Id}. {@link DeliveryWorker} signs every
 * delivery with it, and {@code scribehook hub send} its one-off samples, so both sign alike.
 *
 * @param body the request body (JSON)
 * @param headers the headers to send, in order ({@code Content-Type}, {@code Content-Length},
 *     the profile's signature headers, {@code Webhook-Id})
 */
public record SignedWebhook(byte[] body, Map<String, String> headers) {
    public SignedWebhook {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** {@code event} in {@code shape}, signed for a POST to {@code url}. */
    public static SignedWebhook of(
            ThinEvent event,
            BodyShape shape,
            Profile profile,
            URI url,
            List<WebhookSecret> secrets,
            Instant created,
            String webhookId) {
        byte[] body = ThinPayloadCodec.encode(event, shape);
        return new SignedWebhook(body, headers(profile, url, body, secrets, created, webhookId));
    }

    /** The headers for {@code body} (already encoded) sent to {@code url}. */
    public static Map<String, String> headers(
            Profile profile, URI url, byte[] body, List<WebhookSecret> secrets, Instant created, String webhookId) {
        Map<String, String> signed = WebhookSigner.sign(
                profile, "POST", url.toString(), "application/json", body, secrets, created, webhookId);
        Map<String, String> out = new LinkedHashMap<>(signed);
        boolean hasId = out.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Webhook-Id"));
        if (!hasId && webhookId != null) {
            out.put("Webhook-Id", webhookId);
        }
        return out;
    }
}
