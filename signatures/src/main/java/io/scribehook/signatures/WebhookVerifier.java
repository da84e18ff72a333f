package io.scribehook.signatures;

import io.scribehook.signatures.VerificationResult.Failed;
import io.scribehook.signatures.VerificationResult.Verified;
import io.scribehook.signatures.digest.ContentDigest;
import io.scribehook.signatures.digest.DigestCheck;
import io.scribehook.signatures.internal.Hex;
import io.scribehook.signatures.internal.HmacKey;
import io.scribehook.signatures.rfc9421.KeySet;
import io.scribehook.signatures.rfc9421.MessageContext;
import io.scribehook.signatures.rfc9421.MessageVerifier;
import io.scribehook.signatures.rfc9421.SignatureAlgorithm;
import io.scribehook.signatures.rfc9421.VerificationKey;
import io.scribehook.signatures.rfc9421.VerificationPolicy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies received Healthie webhooks in any of the configured {@link Profile}s, with every
 * configured secret (rotation: several are valid at once). The Signature header's shape decides
 * which profiles are tried ({@code sig1=:<hex>:} guide, {@code sig1=<hex>} healthie-api, {@code
 * sig1=:<base64>:} healthie-rfc9421), so a request costs one HMAC per secret at most. Immutable and
 * thread-safe; keys are initialised once and their {@code Mac}s are recycled between calls on any thread.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.builder()
 *     .profiles(List.of(Profile.GUIDE, Profile.HEALTHIE_API, Profile.HEALTHIE_RFC9421))
 *     .secrets(List.of(new WebhookSecret("current", "whsec_..."), new WebhookSecret("previous", "whsec_...")))
 *     .publicPath("/healthie-webhooks")   // or null: use the received path
 *     .clock(Clock.systemUTC())
 *     .build();
 * VerificationResult result = verifier.verify(new HttpMessage(method, target, HttpFields.of(headers), body));
 * }</pre>
 */
public final class WebhookVerifier {
    private final Set<Profile> profiles;
    private final List<Secret> secrets;
    private final String publicPath;
    private final MessageVerifier rfc9421;
    private final HealthieRfc9421FastPath rfc9421Fast;
    private final List<WebhookSecret> plainSecrets;
    private final Clock clock;
    private final Duration standardTolerance;

    private record Secret(String keyId, HmacKey key) {}

    private WebhookVerifier(Builder b) {
        this.profiles = EnumSet.copyOf(b.profiles);
        List<Secret> list = new ArrayList<>();
        List<VerificationKey> keys = new ArrayList<>();
        for (WebhookSecret s : b.secrets) {
            byte[] bytes = s.value().getBytes(StandardCharsets.UTF_8);
            list.add(new Secret(s.keyId(), new HmacKey(bytes)));
            keys.add(VerificationKey.hmac(s.keyId(), bytes));
        }
        this.secrets = List.copyOf(list);
        this.plainSecrets = b.secrets;
        this.clock = b.clock;
        this.standardTolerance = b.maxAge;
        this.publicPath = b.publicPath;
        java.util.Map<String, List<HealthieRfc9421FastPath.Key>> byKeyId = new java.util.HashMap<>();
        List<HealthieRfc9421FastPath.Key> fastKeys = new ArrayList<>();
        for (Secret s : this.secrets) {
            HealthieRfc9421FastPath.Key k = new HealthieRfc9421FastPath.Key(s.keyId(), s.key());
            fastKeys.add(k);
            byKeyId.computeIfAbsent(s.keyId(), id -> new ArrayList<>()).add(k);
        }
        byKeyId.replaceAll((id, l) -> List.copyOf(l));
        this.rfc9421Fast = new HealthieRfc9421FastPath(
                java.util.Map.copyOf(byKeyId),
                List.copyOf(fastKeys),
                b.clock,
                b.maxAge.getSeconds(),
                b.clockSkew.getSeconds());
        this.rfc9421 = new MessageVerifier(
                KeySet.of(keys),
                VerificationPolicy.builder()
                        .requireComponents(Profiles.COMPONENTS)
                        .requireParameters("created")
                        .requireTag(Profiles.TAG)
                        .allowAlgorithms(SignatureAlgorithm.HMAC_SHA256)
                        .maxAge(b.maxAge)
                        .clockSkew(b.clockSkew)
                        .keyIdFallback(true)
                        .verifyContentDigest(true)
                        .clock(b.clock)
                        .build());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The accepted profiles. */
    public Set<Profile> profiles() {
        return EnumSet.copyOf(profiles);
    }

    /**
     * Verifies a received request. Returns {@link Verified} for the first profile and secret that
     * match, else the most informative {@link Failed}: {@code missing_signature} without a Signature
     * header, {@code digest_mismatch} when the body changed, {@code signature_invalid} when the digest
     * matched but no secret verifies, and so on.
     */
    public VerificationResult verify(HttpMessage message) {
        return verify(message, true);
    }

    /** The same answer without the healthie-rfc9421 fast path (for tests that compare the two). */
    VerificationResult verifyWithoutFastPath(HttpMessage message) {
        return verify(message, false);
    }

    private VerificationResult verify(HttpMessage message, boolean fast) {
        HttpFields headers = message.headers();
        String signature = headers.combined("signature");
        boolean standard =
                profiles.contains(Profile.STANDARD_WEBHOOKS) && headers.contains(StandardWebhooks.SIGNATURE_HEADER);
        if (standard) {
            VerificationResult r =
                    StandardWebhooks.verify(headers, message.body(), plainSecrets, clock, standardTolerance);
            if (r instanceof Verified || signature == null) {
                return r;
            }
        }
        if (signature == null) {
            return new Failed(Reason.MISSING_SIGNATURE, "no Signature header");
        }
        Profiles.PathQuery pq = Profiles.PathQuery.of(message.targetUri());
        HttpMessage target = message;
        if (publicPath != null) {
            pq = new Profiles.PathQuery(pq.prefix(), publicPath, pq.query());
            target = message.withTargetUri(pq.withPath(publicPath));
        }
        Shapes shapes = Shapes.of(signature);
        Failed best = null;
        if (profiles.contains(Profile.GUIDE) && !shapes.guide.isEmpty()) {
            VerificationResult r = verifyGuide(target, pq, shapes.guide);
            if (r instanceof Verified) {
                return r;
            }
            best = worse(best, (Failed) r);
        }
        if (profiles.contains(Profile.HEALTHIE_API) && !shapes.api.isEmpty()) {
            VerificationResult r = verifyApi(target, pq, shapes.api);
            if (r instanceof Verified) {
                return r;
            }
            best = worse(best, (Failed) r);
        }
        if (profiles.contains(Profile.HEALTHIE_RFC9421) && (shapes.other || best == null)) {
            if (fast && shapes.other) {
                Verified v = rfc9421Fast.tryVerify(target, pq, signature);
                if (v != null) {
                    return v;
                }
            }
            VerificationResult r = rfc9421.verify(MessageContext.of(target));
            if (r instanceof Verified v) {
                return new Verified(v.label(), v.keyId(), Profile.HEALTHIE_RFC9421);
            }
            best = worse(best, (Failed) r);
        }
        if (best == null) {
            return new Failed(
                    Reason.MALFORMED_SIGNATURE,
                    "the Signature header is in the form of no accepted profile ("
                            + profiles.stream().map(Profile::id).collect(Collectors.joining(", ")) + ")");
        }
        return best;
    }

    private VerificationResult verifyGuide(HttpMessage m, Profiles.PathQuery pq, List<Member> members) {
        HttpFields h = m.headers();
        String digest = h.combined("content-digest");
        DigestCheck check = ContentDigest.verify(digest, m.body());
        if (check instanceof DigestCheck.Invalid invalid) {
            return new Failed(invalid.reason(), "guide: " + invalid.message());
        }
        String contentType = h.combined("content-type");
        if (contentType == null) {
            return new Failed(Reason.COMPONENT_MISSING, "guide: no Content-Type header");
        }
        String contentLength = h.combined("content-length");
        if (contentLength == null) {
            contentLength = Integer.toString(m.body().length);
        }
        Profiles.Buffer base =
                Profiles.guideBase(m.method(), pq.path(), pq.query(), digest, contentType, contentLength);
        return match(base, members, Profile.GUIDE);
    }

    private VerificationResult verifyApi(HttpMessage m, Profiles.PathQuery pq, List<Member> members) {
        String digest = m.headers().combined("content-digest");
        DigestCheck check = ContentDigest.verifyLegacy(digest, m.body());
        if (check instanceof DigestCheck.Invalid invalid) {
            return new Failed(invalid.reason(), "healthie-api: " + invalid.message());
        }
        Profiles.Buffer base = Profiles.apiBase(
                m.method(), pq.path(), pq.query(), Profiles.legacyDigestValue(digest), m.body().length);
        return match(base, members, Profile.HEALTHIE_API);
    }

    private VerificationResult match(Profiles.Buffer base, List<Member> members, Profile profile) {
        for (int k = 0; k < secrets.size(); k++) {
            Secret s = secrets.get(k);
            byte[] expected = s.key.mac(base.bytes, base.length);
            for (int i = 0; i < members.size(); i++) {
                Member member = members.get(i);
                if (MessageDigest.isEqual(expected, member.mac)) {
                    return new Verified(member.label, s.keyId, profile);
                }
            }
        }
        return new Failed(
                Reason.SIGNATURE_INVALID,
                profile.id() + ": the signature does not verify with "
                        + (secrets.size() == 1 ? "the configured secret" : "any of " + secrets.size() + " secrets"));
    }

    private static Failed worse(Failed best, Failed next) {
        return best == null ? next : best.moreInformative(next);
    }

    private record Member(String label, byte[] mac) {}

    /** The Signature members sorted by form: guide {@code :hex:}, api bare hex, anything else. */
    private static final class Shapes {
        List<Member> guide = List.of();
        List<Member> api = List.of();
        boolean other;

        void addGuide(Member m) {
            if (guide.isEmpty()) {
                guide = new ArrayList<>(1);
            }
            guide.add(m);
        }

        void addApi(Member m) {
            if (api.isEmpty()) {
                api = new ArrayList<>(1);
            }
            api.add(m);
        }

        static Shapes of(String field) {
            Shapes s = new Shapes();
            int start = 0;
            int n = field.length();
            while (start < n) {
                int comma = field.indexOf(',', start);
                int end = comma < 0 ? n : comma;
                int from = start;
                int to = end;
                while (from < to && (field.charAt(from) == ' ' || field.charAt(from) == '\t')) {
                    from++;
                }
                while (to > from && (field.charAt(to - 1) == ' ' || field.charAt(to - 1) == '\t')) {
                    to--;
                }
                int eq = field.indexOf('=', from);
                if (eq > from && eq < to) {
                    int vFrom = eq + 1;
                    int vLen = to - vFrom;
                    byte[] mac;
                    if (vLen == 66
                            && field.charAt(vFrom) == ':'
                            && field.charAt(to - 1) == ':'
                            && (mac = Hex.decode(field, vFrom + 1, to - 1)) != null) {
                        s.addGuide(new Member(field.substring(from, eq), mac));
                    } else if (vLen == 64 && (mac = Hex.decode(field, vFrom, to)) != null) {
                        s.addApi(new Member(field.substring(from, eq), mac));
                    } else {
                        s.other = true;
                    }
                } else {
                    s.other = true;
                }
                if (comma < 0) {
                    break;
                }
                start = comma + 1;
            }
            return s;
        }
    }

    /** Configures a {@link WebhookVerifier}. */
    public static final class Builder {
        private List<Profile> profiles = Profile.HEALTHIE;
        private List<WebhookSecret> secrets = List.of();
        private String publicPath;
        private Clock clock = Clock.systemUTC();
        private Duration maxAge = Duration.ofSeconds(300);
        private Duration clockSkew = Duration.ofSeconds(30);

        private Builder() {}

        /** The accepted profiles (default: the three Healthie ones, {@link Profile#HEALTHIE}). */
        public Builder profiles(List<Profile> profiles) {
            this.profiles = List.copyOf(profiles);
            return this;
        }

        /** The valid secrets, current first (at least one). */
        public Builder secrets(List<WebhookSecret> secrets) {
            this.secrets = List.copyOf(secrets);
            return this;
        }

        /**
         * The path the webhook was registered with; when set it replaces the received path in every
         * signature base (a proxy rewrote the path); the received query is kept. Null: use the received path.
         */
        public Builder publicPath(String publicPath) {
            if (publicPath != null && !publicPath.startsWith("/")) {
                throw new IllegalArgumentException("a public path starts with '/'");
            }
            this.publicPath = publicPath;
            return this;
        }

        /** The clock for {@code created} checks of healthie-rfc9421. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Maximum age of a healthie-rfc9421 signature, and the standard-webhooks timestamp tolerance (default 300 s). */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
            return this;
        }

        /** Allowed clock skew for healthie-rfc9421 (default 30 s). */
        public Builder clockSkew(Duration clockSkew) {
            this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
            return this;
        }

        public WebhookVerifier build() {
            if (profiles.isEmpty()) {
                throw new IllegalStateException("at least one profile must be accepted");
            }
            if (secrets.isEmpty()) {
                throw new IllegalStateException("at least one secret is needed to verify");
            }
            return new WebhookVerifier(this);
        }
    }
}
