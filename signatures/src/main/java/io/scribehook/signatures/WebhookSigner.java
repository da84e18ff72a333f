package io.scribehook.signatures;

import io.scribehook.signatures.digest.ContentDigest;
import io.scribehook.signatures.internal.Hex;
import io.scribehook.signatures.internal.HmacKey;
import io.scribehook.signatures.rfc9421.HttpSignatureException;
import io.scribehook.signatures.rfc9421.MessageSigner;
import io.scribehook.signatures.rfc9421.SignatureAlgorithm;
import io.scribehook.signatures.rfc9421.SignatureParameters;
import io.scribehook.signatures.rfc9421.SignatureResult;
import io.scribehook.signatures.rfc9421.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Signs outgoing webhooks in one of the {@link Profile}s.
 *
 * <pre>{@code
 * Map<String, String> headers = WebhookSigner.sign(Profile.HEALTHIE_RFC9421, "POST", "/healthie-webhooks",
 *     "application/json", body, List.of(new WebhookSecret("k1", "whsec_...")), Instant.now());
 * // send body with these headers (Content-Type, Content-Length, Content-Digest, Signature-Input, Signature)
 * }</pre>
 */
public final class WebhookSigner {
    private WebhookSigner() {}

    /**
     * The headers to send with {@code body}: {@code Content-Type}, {@code Content-Length}, {@code
     * Content-Digest}, {@code Signature-Input}, {@code Signature}, in that order.
     *
     * <p>{@link Profile#HEALTHIE_RFC9421} signs once per secret: {@code sig1} with the first, {@code
     * sig2} with the second (rotation), and so on. {@link Profile#GUIDE} and {@link
     * Profile#HEALTHIE_API} use only the first secret; their Signature-Input is informational.
     *
     * @param method the request method, as it will be sent ({@code POST})
     * @param pathAndQuery {@code /path?query} (an absolute URL is accepted; its path and query are used)
     * @param contentType the Content-Type to send ({@code application/json} when null)
     * @param created the {@code created} time (seconds precision)
     */
    public static Map<String, String> sign(
            Profile profile,
            String method,
            String pathAndQuery,
            String contentType,
            byte[] body,
            List<WebhookSecret> secrets,
            Instant created) {
        return sign(profile, method, pathAndQuery, contentType, body, secrets, created, null);
    }

    /**
     * {@link #sign(Profile, String, String, String, byte[], List, Instant)} with the message id that
     * {@link Profile#STANDARD_WEBHOOKS} signs and sends as {@code webhook-id} (the other profiles
     * ignore it). {@link Profile#STANDARD_WEBHOOKS} sends {@code Content-Type}, {@code
     * Content-Length}, {@code webhook-id}, {@code webhook-timestamp} ({@code created} in seconds)
     * and {@code webhook-signature} with one signature per secret; a null id there becomes {@code
     * msg_} and 24 hex digits of the SHA-256 of the timestamp and body.
     */
    public static Map<String, String> sign(
            Profile profile,
            String method,
            String pathAndQuery,
            String contentType,
            byte[] body,
            List<WebhookSecret> secrets,
            Instant created,
            String webhookId) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        Objects.requireNonNull(created, "created");
        if (secrets == null || secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret is needed to sign");
        }
        byte[] content = body == null ? new byte[0] : body;
        String type = contentType == null ? Profiles.API_CONTENT_TYPE : contentType;
        String length = Integer.toString(content.length);
        Profiles.PathQuery pq = Profiles.PathQuery.of(pathAndQuery);
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        out.put("Content-Type", type);
        out.put("Content-Length", length);
        WebhookSecret first = secrets.get(0);
        switch (profile) {
            case GUIDE -> {
                String digest = ContentDigest.create(content);
                Profiles.Buffer base = Profiles.guideBase(method, pq.path(), pq.query(), digest, type, length);
                out.put("Content-Digest", digest);
                out.put(
                        "Signature-Input",
                        "sig1=" + informational(first, created).serialize());
                out.put("Signature", "sig1=:" + Hex.encode(hmac(first, base)) + ":");
            }
            case HEALTHIE_API -> {
                String digest = ContentDigest.createLegacy(content);
                Profiles.Buffer base = Profiles.apiBase(
                        method, pq.path(), pq.query(), Profiles.legacyDigestValue(digest), content.length);
                out.put("Content-Digest", digest);
                out.put(
                        "Signature-Input",
                        "sig1=" + informational(first, created).serialize());
                out.put("Signature", "sig1=" + Hex.encode(hmac(first, base)));
            }
            case HEALTHIE_RFC9421 -> {
                String digest = ContentDigest.create(content);
                out.put("Content-Digest", digest);
                HttpMessage message = new HttpMessage(
                        method,
                        pq.withPath(pq.path()),
                        HttpFields.builder()
                                .add("Content-Type", type)
                                .add("Content-Length", length)
                                .add("Content-Digest", digest)
                                .build(),
                        content);
                StringBuilder inputs = new StringBuilder();
                StringBuilder signatures = new StringBuilder();
                for (int i = 0; i < secrets.size(); i++) {
                    WebhookSecret s = secrets.get(i);
                    SignatureResult r = rfc9421(message, "sig" + (i + 1), s, created);
                    if (i > 0) {
                        inputs.append(", ");
                        signatures.append(", ");
                    }
                    inputs.append(r.signatureInputMember());
                    signatures.append(r.signatureMember());
                }
                out.put("Signature-Input", inputs.toString());
                out.put("Signature", signatures.toString());
            }
            case STANDARD_WEBHOOKS -> {
                String id = webhookId != null ? webhookId : derivedId(created, content);
                out.put(StandardWebhooks.ID_HEADER, id);
                out.put(StandardWebhooks.TIMESTAMP_HEADER, Long.toString(created.getEpochSecond()));
                out.put(
                        StandardWebhooks.SIGNATURE_HEADER,
                        StandardWebhooks.signatureHeader(secrets, id, created, content));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The healthie-rfc9421 parameters for one secret. */
    static SignatureParameters rfc9421Parameters(WebhookSecret secret, Instant created) {
        return SignatureParameters.builder()
                .components(Profiles.COMPONENTS)
                .created(created)
                .keyid(secret.keyId())
                .alg(SignatureAlgorithm.HMAC_SHA256)
                .tag(Profiles.TAG)
                .build();
    }

    private static SignatureResult rfc9421(HttpMessage message, String label, WebhookSecret secret, Instant created) {
        try {
            return MessageSigner.sign(
                    message,
                    label,
                    rfc9421Parameters(secret, created),
                    SigningKey.hmac(secret.keyId(), secret.value().getBytes(StandardCharsets.UTF_8)));
        } catch (HttpSignatureException e) {
            // every component is set above; this cannot happen for a well-formed method and path
            throw new IllegalArgumentException("cannot sign: " + e.getMessage(), e);
        }
    }

    private static SignatureParameters informational(WebhookSecret secret, Instant created) {
        return SignatureParameters.builder()
                .components(Profiles.COMPONENTS)
                .created(created)
                .keyid(secret.keyId())
                .alg(SignatureAlgorithm.HMAC_SHA256)
                .build();
    }

    private static String derivedId(Instant created, byte[] content) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(Long.toString(created.getEpochSecond()).getBytes(StandardCharsets.US_ASCII));
            sha.update(content);
            return "msg_" + Hex.encode(sha.digest()).substring(0, 24);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static byte[] hmac(WebhookSecret secret, Profiles.Buffer base) {
        return HmacKey.hmacSha256(
                secret.value().getBytes(StandardCharsets.UTF_8), java.util.Arrays.copyOf(base.bytes, base.length));
    }
}
