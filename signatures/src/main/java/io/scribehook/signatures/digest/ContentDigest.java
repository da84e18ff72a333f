package io.scribehook.signatures.digest;

import io.scribehook.signatures.Reason;
import io.scribehook.signatures.internal.Base64Padded;
import io.scribehook.signatures.sf.BareItem;
import io.scribehook.signatures.sf.Dictionary;
import io.scribehook.signatures.sf.Item;
import io.scribehook.signatures.sf.SfParseException;
import io.scribehook.signatures.sf.StructuredFields;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * RFC 9530 {@code Content-Digest}: create and verify for sha-256 and sha-512, dictionaries with
 * several algorithms, fail closed when no supported algorithm is present. Also the legacy {@code
 * SHA-256=<base64>} form that only the {@code healthie-api} profile accepts.
 *
 * <pre>{@code
 * String header = ContentDigest.create(body);                  // sha-256=:...:
 * DigestCheck check = ContentDigest.verify(header, body);     // Valid(SHA_256)
 * }</pre>
 */
public final class ContentDigest {
    /** The field name. */
    public static final String FIELD = "Content-Digest";

    private static final Set<DigestAlgorithm> ALL = EnumSet.allOf(DigestAlgorithm.class);

    private ContentDigest() {}

    /** {@code sha-256=:<base64>:} for {@code body}. */
    public static String create(byte[] body) {
        return create(body, DigestAlgorithm.SHA_256);
    }

    /** A dictionary with one member per algorithm, in the order given. */
    public static String create(byte[] body, DigestAlgorithm... algorithms) {
        if (algorithms.length == 0) {
            throw new IllegalArgumentException("at least one algorithm");
        }
        StringBuilder sb = new StringBuilder(64 * algorithms.length);
        for (int i = 0; i < algorithms.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(algorithms[i].key())
                    .append("=:")
                    .append(Base64.getEncoder().encodeToString(algorithms[i].digest(body)))
                    .append(':');
        }
        return sb.toString();
    }

    /** Checks {@code fieldValue} (null when the header is absent) against {@code body}. */
    public static DigestCheck verify(String fieldValue, byte[] body) {
        return verify(fieldValue, body, ALL);
    }

    /**
     * Checks {@code fieldValue} against {@code body}, considering only the {@code accepted}
     * algorithms. Every accepted algorithm present must match; members with unknown algorithms are
     * ignored; when none is accepted the result is {@code unsupported_digest_algorithm}.
     */
    public static DigestCheck verify(String fieldValue, byte[] body, Set<DigestAlgorithm> accepted) {
        if (fieldValue == null) {
            return new DigestCheck.Invalid(Reason.MISSING_CONTENT_DIGEST, "no Content-Digest header");
        }
        if (fieldValue.isBlank()) {
            return new DigestCheck.Invalid(Reason.MALFORMED_CONTENT_DIGEST, "Content-Digest is empty");
        }
        DigestCheck fast = singleMember(fieldValue, body, accepted);
        if (fast != null) {
            return fast;
        }
        Dictionary dict;
        try {
            dict = StructuredFields.parseDictionary(fieldValue);
        } catch (SfParseException e) {
            return new DigestCheck.Invalid(
                    Reason.MALFORMED_CONTENT_DIGEST,
                    "Content-Digest is not a structured dictionary: " + e.getMessage());
        }
        DigestAlgorithm strongest = null;
        for (int i = 0; i < dict.size(); i++) {
            String key = dict.keyAt(i);
            if (!(dict.memberAt(i) instanceof Item item) || !(item.value() instanceof BareItem.Bytes bytes)) {
                return new DigestCheck.Invalid(
                        Reason.MALFORMED_CONTENT_DIGEST, "Content-Digest member " + key + " is not a byte sequence");
            }
            DigestAlgorithm alg = DigestAlgorithm.forKey(key);
            if (alg == null || !accepted.contains(alg)) {
                continue;
            }
            DigestCheck c = compare(alg, bytes.unsafeValue(), body);
            if (c != null) {
                return c;
            }
            if (strongest == null || alg.length() > strongest.length()) {
                strongest = alg;
            }
        }
        if (strongest == null) {
            return new DigestCheck.Invalid(
                    Reason.UNSUPPORTED_DIGEST_ALGORITHM,
                    "Content-Digest has no supported algorithm (supported: sha-256, sha-512)");
        }
        return new DigestCheck.Valid(strongest);
    }

    /**
     * The usual value, {@code sha-256=:<44 base64>:} or {@code sha-512=:<88 base64>:} alone, checked
     * without building a dictionary. Exactly what the structured-field parser would accept for a
     * one-member dictionary of that shape; anything else returns null and takes the general path.
     */
    private static DigestCheck singleMember(String v, byte[] body, Set<DigestAlgorithm> accepted) {
        int n = v.length();
        while (n > 0 && v.charAt(n - 1) == ' ') {
            n--;
        }
        if (n < 10 || !v.startsWith("sha-") || v.charAt(7) != '=' || v.charAt(8) != ':' || v.charAt(n - 1) != ':') {
            return null;
        }
        DigestAlgorithm alg = v.startsWith("256", 4)
                ? DigestAlgorithm.SHA_256
                : v.startsWith("512", 4) ? DigestAlgorithm.SHA_512 : null;
        int b64 = n - 10;
        if (alg == null || !accepted.contains(alg) || b64 != (alg.length() + 2) / 3 * 4) {
            return null;
        }
        byte[] received = Base64Padded.decode(v, 9, n - 1);
        if (received == null) {
            return null;
        }
        DigestCheck c = compare(alg, received, body);
        return c != null ? c : new DigestCheck.Valid(alg);
    }

    /** The legacy form {@code SHA-256=<base64>} (RFC 3230 style) the Healthie API sends. */
    public static String createLegacy(byte[] body) {
        return "SHA-256=" + Base64.getEncoder().encodeToString(DigestAlgorithm.SHA_256.digest(body));
    }

    /**
     * Checks a legacy {@code <ALG>=<base64>} value (comma-separated for several algorithms; the
     * algorithm name in any case; a value wrapped in colons is accepted too).
     */
    public static DigestCheck verifyLegacy(String fieldValue, byte[] body) {
        if (fieldValue == null) {
            return new DigestCheck.Invalid(Reason.MISSING_CONTENT_DIGEST, "no Content-Digest header");
        }
        if (fieldValue.isBlank()) {
            return new DigestCheck.Invalid(Reason.MALFORMED_CONTENT_DIGEST, "Content-Digest is empty");
        }
        DigestCheck fast = singleLegacyMember(fieldValue, body);
        if (fast != null) {
            return fast;
        }
        DigestAlgorithm strongest = null;
        int start = 0;
        while (start <= fieldValue.length()) {
            int comma = fieldValue.indexOf(',', start);
            int end = comma < 0 ? fieldValue.length() : comma;
            String member = fieldValue.substring(start, end).strip();
            int eq = member.indexOf('=');
            if (eq <= 0) {
                return new DigestCheck.Invalid(
                        Reason.MALFORMED_CONTENT_DIGEST, "legacy Content-Digest member is not <algorithm>=<base64>");
            }
            String value = member.substring(eq + 1).strip();
            if (value.length() >= 2 && value.charAt(0) == ':' && value.charAt(value.length() - 1) == ':') {
                value = value.substring(1, value.length() - 1);
            }
            byte[] expected = decodeStrictBase64(value);
            if (expected == null) {
                return new DigestCheck.Invalid(
                        Reason.MALFORMED_CONTENT_DIGEST, "legacy Content-Digest value is not padded base64");
            }
            DigestAlgorithm alg =
                    DigestAlgorithm.byLegacyName(member.substring(0, eq)).orElse(null);
            if (alg != null) {
                DigestCheck c = compare(alg, expected, body);
                if (c != null) {
                    return c;
                }
                if (strongest == null || alg.length() > strongest.length()) {
                    strongest = alg;
                }
            }
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        if (strongest == null) {
            return new DigestCheck.Invalid(
                    Reason.UNSUPPORTED_DIGEST_ALGORITHM,
                    "Content-Digest has no supported algorithm (supported: SHA-256, SHA-512)");
        }
        return new DigestCheck.Valid(strongest);
    }

    /** {@code SHA-256=<44 base64>} alone (the usual legacy value), or null for the general path. */
    private static DigestCheck singleLegacyMember(String v, byte[] body) {
        if (v.length() != 52 || !v.regionMatches(true, 0, "sha-256=", 0, 8)) {
            return null;
        }
        byte[] received = Base64Padded.decode(v, 8, 52);
        if (received == null) {
            return null;
        }
        DigestCheck c = compare(DigestAlgorithm.SHA_256, received, body);
        return c != null ? c : new DigestCheck.Valid(DigestAlgorithm.SHA_256);
    }

    /** Null when equal; an Invalid otherwise. */
    static DigestCheck compare(DigestAlgorithm alg, byte[] received, byte[] body) {
        if (received.length != alg.length()) {
            return new DigestCheck.Invalid(
                    Reason.MALFORMED_CONTENT_DIGEST,
                    alg.key() + " digest has " + received.length + " bytes, expected " + alg.length());
        }
        if (!MessageDigest.isEqual(alg.digest(body), received)) {
            return new DigestCheck.Invalid(
                    Reason.DIGEST_MISMATCH, "the body does not match the " + alg.key() + " Content-Digest");
        }
        return null;
    }

    private static byte[] decodeStrictBase64(String s) {
        if (s.isEmpty() || s.length() % 4 != 0) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '+'
                    || c == '/'
                    || c == '=';
            if (!ok) {
                return null;
            }
        }
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
