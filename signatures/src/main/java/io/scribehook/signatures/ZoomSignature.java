package io.scribehook.signatures;

import io.scribehook.signatures.VerificationResult.Failed;
import io.scribehook.signatures.VerificationResult.Verified;
import io.scribehook.signatures.internal.Hex;
import io.scribehook.signatures.internal.HmacKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;

/**
 * Zoom webhook signatures: {@code x-zm-signature: v0=<hex HMAC-SHA256(secret, "v0:" + timestamp +
 * ":" + body)>} with {@code x-zm-request-timestamp} in seconds, and the {@code
 * endpoint.url_validation} answer. A successful {@link #verify} returns {@code Verified("v0", null,
 * null)}: Zoom has no key id and is not one of the Healthie {@link Profile}s.
 */
public final class ZoomSignature {
    private ZoomSignature() {}

    /** {@code v0=<hex>} for the timestamp header value and the raw body. */
    public static String sign(String secretToken, String timestamp, byte[] body) {
        return "v0=" + Hex.encode(mac(secretToken, timestamp, body));
    }

    /**
     * Verifies a Zoom request. Reasons: {@code missing_signature} (no header), {@code
     * malformed_signature} (not {@code v0=<64 hex>}), {@code missing_required_parameter} (timestamp
     * absent or not a number), {@code created_too_old} / {@code created_in_future} (outside {@code
     * tolerance}), {@code signature_invalid}. A timestamp of 13 or more digits is read as milliseconds.
     */
    public static VerificationResult verify(
            String secretToken,
            String signatureHeader,
            String timestampHeader,
            byte[] body,
            Clock clock,
            Duration tolerance) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return new Failed(Reason.MISSING_SIGNATURE, "no x-zm-signature header");
        }
        String sig = signatureHeader.strip();
        if (!sig.startsWith("v0=") || sig.length() != 67 || !Hex.isHex(sig, 3, 67)) {
            return new Failed(Reason.MALFORMED_SIGNATURE, "x-zm-signature is not v0=<64 hex digits>");
        }
        if (timestampHeader == null || timestampHeader.isBlank()) {
            return new Failed(Reason.MISSING_REQUIRED_PARAMETER, "no x-zm-request-timestamp header");
        }
        String ts = timestampHeader.strip();
        if (ts.length() > 18 || !ts.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return new Failed(Reason.MISSING_REQUIRED_PARAMETER, "x-zm-request-timestamp is not a unix time");
        }
        long value = Long.parseLong(ts);
        long seconds = ts.length() >= 13 ? value / 1000 : value;
        long now = clock.instant().getEpochSecond();
        long tol = tolerance.getSeconds();
        if (seconds > now + tol) {
            return new Failed(
                    Reason.CREATED_IN_FUTURE, "x-zm-request-timestamp is " + (seconds - now) + " s in the future");
        }
        if (now - seconds > tol) {
            return new Failed(Reason.CREATED_TOO_OLD, "x-zm-request-timestamp is " + (now - seconds) + " s old");
        }
        byte[] expected = mac(secretToken, timestampHeader.strip(), body == null ? new byte[0] : body);
        if (!MessageDigest.isEqual(expected, Hex.decode(sig, 3, 67))) {
            return new Failed(Reason.SIGNATURE_INVALID, "x-zm-signature does not verify with the secret token");
        }
        return new Verified("v0", null, null);
    }

    /** The {@code encryptedToken} for an {@code endpoint.url_validation}: hex HMAC-SHA256(secret, plainToken). */
    public static String encryptedToken(String secretToken, String plainToken) {
        if (secretToken == null || secretToken.isEmpty()) {
            throw new IllegalArgumentException("the Zoom secret token must not be empty");
        }
        return Hex.encode(HmacKey.hmacSha256(
                secretToken.getBytes(StandardCharsets.UTF_8), plainToken.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] mac(String secretToken, String timestamp, byte[] body) {
        if (secretToken == null || secretToken.isEmpty()) {
            throw new IllegalArgumentException("the Zoom secret token must not be empty");
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream(body.length + 32);
        message.writeBytes(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
        message.writeBytes(body);
        return HmacKey.hmacSha256(secretToken.getBytes(StandardCharsets.UTF_8), message.toByteArray());
    }
}
