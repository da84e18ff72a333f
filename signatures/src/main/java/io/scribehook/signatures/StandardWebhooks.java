package io.scribehook.signatures;

import io.scribehook.signatures.internal.HmacKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The {@link Profile#STANDARD_WEBHOOKS} scheme: {@code webhook-signature} is a space-separated list
 * of {@code v1,<base64 HMAC-SHA256>} over {@code <webhook-id>.<webhook-timestamp>.<body>}, the
 * timestamp in unix seconds, checked within a tolerance (5 minutes by default) either way.
 *
 * <p>The key of a secret {@code whsec_<base64>} is the base64-decoded part after the prefix (a
 * secret that is all base64 without the prefix is decoded too, as the spec's libraries do). Any
 * other secret, which no spec library would accept, is used as its UTF-8 bytes, as in the Healthie
 * profiles, so one secret string signs every profile. Secrets are compared in constant time and
 * never appear in messages.
 */
public final class StandardWebhooks {
    /** The spec's default timestamp tolerance. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";

    private static final String PREFIX = "whsec_";
    private static final String VERSION = "v1,";

    private StandardWebhooks() {}

    /** The HMAC key of a secret string (see the class comment). */
    public static byte[] key(String secret) {
        Objects.requireNonNull(secret, "secret");
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        if (!encoded.isEmpty()) {
            try {
                byte[] key = Base64.getDecoder().decode(encoded);
                if (key.length > 0) {
                    return key;
                }
            } catch (IllegalArgumentException notBase64) {
                // not a spec secret: fall through to its bytes as-is
            }
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One {@code v1,<base64>} signature of {@code body} for message {@code id} at {@code timestamp}.
     *
     * @throws IllegalArgumentException when {@code id} is blank or holds a {@code .} or a space
     */
    public static String sign(WebhookSecret secret, String id, Instant timestamp, byte[] body) {
        requireId(id);
        byte[] mac = HmacKey.hmacSha256(key(secret.value()), signedContent(id, timestamp.getEpochSecond(), body));
        return VERSION + Base64.getEncoder().encodeToString(mac);
    }

    /** The {@code webhook-signature} value: one signature per secret, space-separated, in order. */
    public static String signatureHeader(List<WebhookSecret> secrets, String id, Instant timestamp, byte[] body) {
        if (secrets == null || secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret is needed to sign");
        }
        StringBuilder b = new StringBuilder();
        for (WebhookSecret s : secrets) {
            b.append(b.isEmpty() ? "" : " ").append(sign(s, id, timestamp, body));
        }
        return b.toString();
    }

    /**
     * Verifies the three headers of a received request with any of {@code secrets}: {@link
     * VerificationResult.Verified} with label {@code v1} and the key id that matched, else the
     * reason ({@code missing_signature}, {@code malformed_signature}, {@code created_too_old},
     * {@code created_in_future}, {@code signature_invalid}).
     */
    public static VerificationResult verify(
            HttpFields headers, byte[] body, List<WebhookSecret> secrets, Clock clock, Duration tolerance) {
        String signature = headers.combined(SIGNATURE_HEADER);
        if (signature == null) {
            return new VerificationResult.Failed(Reason.MISSING_SIGNATURE, "no webhook-signature header");
        }
        String id = headers.combined(ID_HEADER);
        if (id == null || id.isBlank() || id.indexOf('.') >= 0) {
            return new VerificationResult.Failed(
                    Reason.MISSING_REQUIRED_PARAMETER, "standard-webhooks: webhook-id is missing or holds a '.'");
        }
        String ts = headers.combined(TIMESTAMP_HEADER);
        long seconds;
        try {
            seconds = Long.parseLong(ts == null ? "" : ts.strip());
        } catch (NumberFormatException e) {
            return new VerificationResult.Failed(
                    Reason.MISSING_REQUIRED_PARAMETER,
                    "standard-webhooks: webhook-timestamp is missing or not unix seconds");
        }
        long now = clock.instant().getEpochSecond();
        if (seconds < now - tolerance.getSeconds()) {
            return new VerificationResult.Failed(
                    Reason.CREATED_TOO_OLD, "standard-webhooks: webhook-timestamp is older than " + tolerance);
        }
        if (seconds > now + tolerance.getSeconds()) {
            return new VerificationResult.Failed(
                    Reason.CREATED_IN_FUTURE, "standard-webhooks: webhook-timestamp is in the future");
        }
        List<byte[]> given = new ArrayList<>();
        for (String part : signature.strip().split(" +")) {
            if (part.startsWith(VERSION)) {
                try {
                    given.add(Base64.getDecoder().decode(part.substring(VERSION.length())));
                } catch (IllegalArgumentException malformed) {
                    // another signature in the list may still verify
                }
            }
        }
        if (given.isEmpty()) {
            return new VerificationResult.Failed(
                    Reason.MALFORMED_SIGNATURE, "standard-webhooks: no v1 signature in webhook-signature");
        }
        byte[] content = signedContent(id, seconds, body);
        for (WebhookSecret s : secrets) {
            byte[] expected = HmacKey.hmacSha256(key(s.value()), content);
            for (byte[] g : given) {
                if (MessageDigest.isEqual(expected, g)) {
                    return new VerificationResult.Verified("v1", s.keyId(), Profile.STANDARD_WEBHOOKS);
                }
            }
        }
        return new VerificationResult.Failed(
                Reason.SIGNATURE_INVALID,
                "standard-webhooks: the signature does not verify with "
                        + (secrets.size() == 1 ? "the configured secret" : "any of " + secrets.size() + " secrets"));
    }

    private static byte[] signedContent(String id, long seconds, byte[] body) {
        byte[] prefix = (id + "." + seconds + ".").getBytes(StandardCharsets.UTF_8);
        byte[] b = body == null ? new byte[0] : body;
        byte[] out = new byte[prefix.length + b.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(b, 0, out, prefix.length, b.length);
        return out;
    }

    private static void requireId(String id) {
        if (id == null || id.isBlank() || id.indexOf('.') >= 0 || id.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("a webhook id must be non-blank without '.' or spaces");
        }
    }
}
