package io.scribehook.signatures;

import io.scribehook.signatures.VerificationResult.Verified;
import io.scribehook.signatures.digest.ContentDigest;
import io.scribehook.signatures.digest.DigestCheck;
import io.scribehook.signatures.internal.HmacKey;
import io.scribehook.signatures.sf.BareItem;
import io.scribehook.signatures.sf.Dictionary;
import io.scribehook.signatures.sf.InnerList;
import io.scribehook.signatures.sf.Item;
import io.scribehook.signatures.sf.Parameters;
import io.scribehook.signatures.sf.SfParseException;
import io.scribehook.signatures.sf.StructuredFields;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The healthie-rfc9421 check for requests in exactly the pinned shape: covered components {@code
 * ("@method" "@path" "@query" "content-digest" "content-type" "content-length")} in that order,
 * well-typed parameters, HMAC keys. Signature-Input, Signature and Content-Digest are still parsed
 * with the strict structured-field parser; what is skipped is the generic machinery (component
 * identifiers, the derivation dispatch, policy objects). It only ever answers "verified": for
 * anything else it returns null and the generic {@code MessageVerifier} decides and explains, so the
 * two cannot disagree about a failure. A property test checks that they agree on successes.
 */
final class HealthieRfc9421FastPath {
    private static final String[] COMPONENTS = {
        "@method", "@path", "@query", "content-digest", "content-type", "content-length"
    };
    /** The start of each component's line in the signature base: {@code "name": }, after a newline but the first. */
    private static final String[] LINE_STARTS = lineStarts();

    private static String[] lineStarts() {
        String[] starts = new String[COMPONENTS.length];
        for (int i = 0; i < COMPONENTS.length; i++) {
            starts[i] = (i == 0 ? "" : "\n") + '"' + COMPONENTS[i] + "\": ";
        }
        return starts;
    }

    record Key(String keyId, HmacKey mac) {}

    private final Map<String, List<Key>> byKeyId;
    private final List<Key> all;
    private final Clock clock;
    private final long maxAge;
    private final long skew;

    HealthieRfc9421FastPath(
            Map<String, List<Key>> byKeyId, List<Key> all, Clock clock, long maxAgeSeconds, long skewSeconds) {
        this.byKeyId = byKeyId;
        this.all = all;
        this.clock = clock;
        this.maxAge = maxAgeSeconds;
        this.skew = skewSeconds;
    }

    /** Verified, or null when the generic verifier must decide. */
    Verified tryVerify(HttpMessage m, Profiles.PathQuery pq, String signatureField) {
        String target = m.targetUri();
        if (target.isEmpty() || (target.charAt(0) != '/' && target.indexOf("://") < 0)) {
            return null;
        }
        HttpFields h = m.headers();
        String inputField = h.combined("signature-input");
        if (inputField == null || signatureField == null) {
            return null;
        }
        Dictionary inputs;
        Dictionary signatures;
        try {
            inputs = StructuredFields.parseDictionary(inputField);
            signatures = StructuredFields.parseDictionary(signatureField);
        } catch (SfParseException e) {
            return null;
        }
        String[] values = null;
        boolean digestChecked = false;
        // labels whose keyid is known first, then the others with every key (as the generic verifier orders them)
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < inputs.size(); i++) {
                if (!(inputs.memberAt(i) instanceof InnerList list)
                        || !exactComponents(list)
                        || !wellTyped(list.params())) {
                    return null;
                }
                Parameters params = list.params();
                List<Key> known = params.get("keyid") instanceof BareItem.Str keyid ? byKeyId.get(keyid.value()) : null;
                if ((pass == 0) != (known != null)) {
                    continue;
                }
                String label = inputs.keyAt(i);
                if (!(signatures.get(label) instanceof Item item)
                        || !(item.value() instanceof BareItem.Bytes sig)
                        || sig.length() != 32
                        || !acceptable(params)) {
                    return null;
                }
                if (!digestChecked) {
                    if (!(ContentDigest.verify(h.combined("content-digest"), m.body()) instanceof DigestCheck.Valid)) {
                        return null;
                    }
                    digestChecked = true;
                }
                if (values == null) {
                    values = componentValues(m, pq);
                    if (values == null) {
                        return null;
                    }
                }
                Base base = base(values, inputs, label, list);
                List<Key> keys = known != null ? known : all;
                for (int k = 0; k < keys.size(); k++) {
                    if (MessageDigest.isEqual(keys.get(k).mac().mac(base.bytes, base.length), sig.unsafeValue())) {
                        return new Verified(label, keys.get(k).keyId(), Profile.HEALTHIE_RFC9421);
                    }
                }
            }
        }
        return null;
    }

    private static boolean exactComponents(InnerList list) {
        List<Item> items = list.items();
        if (items.size() != COMPONENTS.length) {
            return false;
        }
        for (int i = 0; i < COMPONENTS.length; i++) {
            Item item = items.get(i);
            if (!item.params().isEmpty()
                    || !(item.value() instanceof BareItem.Str s)
                    || !s.value().equals(COMPONENTS[i])) {
                return false;
            }
        }
        return true;
    }

    /** True when every parameter has the type RFC 9421 gives it (as {@code SignatureParameters.parse} checks). */
    private static boolean wellTyped(Parameters params) {
        for (int i = 0; i < params.size(); i++) {
            BareItem v = params.valueAt(i);
            switch (params.keyAt(i)) {
                case "created", "expires" -> {
                    if (!(v instanceof BareItem.Int n) || n.value() < 0) {
                        return false;
                    }
                }
                case "nonce", "alg", "keyid", "tag" -> {
                    if (!(v instanceof BareItem.Str)) {
                        return false;
                    }
                }
                default -> {
                    // kept and covered, not interpreted
                }
            }
        }
        return true;
    }

    /** Types, tag, alg and time window as the profile's policy demands. */
    private boolean acceptable(Parameters params) {
        if (params.get("tag") instanceof BareItem.Str tag
                && tag.value().equals(Profiles.TAG)
                && params.get("created") instanceof BareItem.Int created) {
            BareItem alg = params.get("alg");
            if (alg != null && !(alg instanceof BareItem.Str a && a.value().equals("hmac-sha256"))) {
                return false;
            }
            long now = clock.instant().getEpochSecond();
            long c = created.value();
            if (c > now + skew || now - c > maxAge + skew) {
                return false;
            }
            return !(params.get("expires") instanceof BareItem.Int e) || now <= e.value() + skew;
        }
        return false;
    }

    /** method, path, ?query, content-digest, content-type, content-length; null if any is absent or has a line break. */
    private static String[] componentValues(HttpMessage m, Profiles.PathQuery pq) {
        HttpFields h = m.headers();
        String[] v = {
            m.method(),
            pq.path(),
            pq.query() == null ? "?" : "?" + pq.query(),
            h.combined("content-digest"),
            h.combined("content-type"),
            h.combined("content-length")
        };
        for (int i = 0; i < v.length; i++) {
            String s = v[i];
            if (s == null || (i != 3 && !printableAscii(s)) || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                return null;
            }
        }
        return v;
    }

    /** Only characters 0x20-0x7E (so no line breaks and nothing that UTF-8 would encode differently). */
    private static boolean printableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** The base as bytes: {@code bytes[0, length)}. */
    private static final class Base {
        byte[] bytes = new byte[1024];
        int length;

        @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): a plain copy, right for ASCII
        void append(String s) {
            int n = s.length();
            if (length + n > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
            }
            s.getBytes(0, n, bytes, length);
            length += n;
        }
    }

    /**
     * The signature base, built straight into bytes. Every part is ASCII: the component values were
     * checked by {@link #componentValues}, the Content-Digest and the parameters text passed the
     * structured-field parser, which accepts ASCII only.
     */
    private static Base base(String[] v, Dictionary inputs, String label, InnerList list) {
        Base b = new Base(); // allocated: a thread-local buffer would be new on every virtual thread anyway
        for (int i = 0; i < LINE_STARTS.length; i++) {
            b.append(LINE_STARTS[i]);
            b.append(v[i]);
        }
        b.append("\n\"@signature-params\": ");
        String text = inputs.canonicalText(label);
        b.append(text != null ? text : StructuredFields.serialize(list));
        return b;
    }
}
