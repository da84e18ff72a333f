package io.scribehook.hub.transcripts;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived download URLs of transcripts ({@code expiring_url}): {@code
 * <base>/hub/transcripts/<id>/transcript.vtt?token=<expiry>.<hmac>}, where the HMAC-SHA256 covers
 * the transcript id and the expiry (unix seconds) under a server key. {@link #check} compares in
 * constant time, then checks the expiry, so an altered id, expiry or signature is {@link
 * Check#INVALID} and an intact old one {@link Check#EXPIRED}.
 */
public final class TranscriptLinks {
    /** The default lifetime of a URL. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    private final byte[] key;
    private final Duration ttl;
    private final Clock clock;

    /**
     * @param key at least 16 bytes
     * @param ttl positive
     */
    public TranscriptLinks(byte[] key, Duration ttl, Clock clock) {
        if (key.length < 16) {
            throw new IllegalArgumentException("a link key needs at least 16 bytes, got " + key.length);
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the link lifetime must be positive, got " + ttl);
        }
        this.key = key.clone();
        this.ttl = ttl;
        this.clock = clock;
    }

    /** What a presented token is worth. */
    public enum Check {
        VALID,
        INVALID,
        EXPIRED
    }

    /** The path and query of a fresh URL for transcript {@code id} (prefix it with the server's base URL). */
    public String pathFor(long id) {
        long expires = clock.instant().plus(ttl).getEpochSecond();
        return path(id) + "?token=" + expires + "." + mac(id, expires);
    }

    /** The path of transcript {@code id}'s download route. */
    public static String path(long id) {
        return "/hub/transcripts/" + id + "/transcript.vtt";
    }

    /** Judges {@code token} for transcript {@code id}. */
    public Check check(long id, String token) {
        if (token == null) {
            return Check.INVALID;
        }
        int dot = token.indexOf('.');
        if (dot < 1 || dot > 19 || token.length() != dot + 65) {
            return Check.INVALID;
        }
        long expires;
        try {
            expires = Long.parseLong(token.substring(0, dot));
        } catch (NumberFormatException e) {
            return Check.INVALID;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(token, dot + 1, token.length());
        } catch (IllegalArgumentException e) {
            return Check.INVALID;
        }
        if (!MessageDigest.isEqual(HexFormat.of().parseHex(mac(id, expires)), given)) {
            return Check.INVALID;
        }
        return clock.instant().getEpochSecond() > expires ? Check.EXPIRED : Check.VALID;
    }

    private String mac(long id, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of()
                    .formatHex(mac.doFinal(("transcript:" + id + ":" + expires).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
