package io.scribehook.signatures.rfc9421;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.signatures.HttpFields;
import io.scribehook.signatures.HttpMessage;
import io.scribehook.signatures.VerificationResult;
import io.scribehook.signatures.digest.ContentDigest;
import io.scribehook.signatures.digest.DigestAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Every algorithm signs random requests and verifies them; a one-byte change to any covered part
 * fails. Asymmetric keys are generated once for the class (RSA keys are the RFC's own).
 */
class AlgorithmProperties {
    static final long CREATED = 1_750_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(CREATED), ZoneOffset.UTC);
    static final Map<SignatureAlgorithm, SigningKey> SIGNERS = new EnumMap<>(SignatureAlgorithm.class);
    static final KeySet KEYS;

    static {
        try {
            KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
            KeyPair edPair = ed.generateKeyPair();
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair p256 = ec.generateKeyPair();
            ec.initialize(new ECGenParameterSpec("secp384r1"));
            KeyPair p384 = ec.generateKeyPair();
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            KeyPair rsaPair = rsa.generateKeyPair();
            byte[] secret = "property secret".getBytes(StandardCharsets.UTF_8);
            SIGNERS.put(SignatureAlgorithm.ED25519, SigningKey.of("ed", edPair.getPrivate()));
            SIGNERS.put(SignatureAlgorithm.ECDSA_P256_SHA256, SigningKey.of("p256", p256.getPrivate()));
            SIGNERS.put(SignatureAlgorithm.ECDSA_P384_SHA384, SigningKey.of("p384", p384.getPrivate()));
            SIGNERS.put(
                    SignatureAlgorithm.RSA_PSS_SHA512,
                    SigningKey.of("pss", PemKeys.privateKey(Rfc9421Examples.RSA_PSS_PRIVATE)));
            SIGNERS.put(
                    SignatureAlgorithm.RSA_V1_5_SHA256,
                    SigningKey.of("rsa", SignatureAlgorithm.RSA_V1_5_SHA256, rsaPair.getPrivate()));
            SIGNERS.put(SignatureAlgorithm.HMAC_SHA256, SigningKey.hmac("hmac", secret));
            KEYS = KeySet.of(
                    VerificationKey.of("ed", edPair.getPublic()),
                    VerificationKey.of("p256", p256.getPublic()),
                    VerificationKey.of("p384", p384.getPublic()),
                    VerificationKey.of(
                            "pss",
                            SignatureAlgorithm.RSA_PSS_SHA512,
                            PemKeys.publicKey(Rfc9421Examples.RSA_PSS_PUBLIC)),
                    VerificationKey.of("rsa", SignatureAlgorithm.RSA_V1_5_SHA256, rsaPair.getPublic()),
                    VerificationKey.hmac("hmac", secret));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final List<ComponentId> COVERED = List.of(
            ComponentId.METHOD,
            ComponentId.AUTHORITY,
            ComponentId.PATH,
            ComponentId.QUERY,
            ComponentId.of("content-digest"),
            ComponentId.of("content-type"),
            ComponentId.of("x-custom"),
            ComponentId.of("x-dict").key("b"));
    static final MessageVerifier VERIFIER = new MessageVerifier(
            KEYS,
            VerificationPolicy.builder().requireComponents(COVERED).clock(CLOCK).build());

    record Req(String method, String host, String path, String query, String custom, byte[] body) {}

    @Provide
    Arbitrary<Req> requests() {
        return Combinators.combine(
                        Arbitraries.of("GET", "POST", "PUT"),
                        Arbitraries.strings()
                                .withChars("abcxyz09-.")
                                .ofMinLength(1)
                                .ofMaxLength(12)
                                .map(s -> s + ".example"),
                        Arbitraries.strings()
                                .withChars("abz09/-._~%")
                                .ofMaxLength(16)
                                .map(s -> "/" + s),
                        Arbitraries.strings().withChars("abz09=&+%-").ofMaxLength(16),
                        Arbitraries.strings()
                                .withCharRange('!', '~')
                                .ofMinLength(1)
                                .ofMaxLength(24),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
                .as(Req::new);
    }

    static HttpMessage message(Req r) {
        return new HttpMessage(
                r.method(),
                r.path() + "?" + r.query(),
                HttpFields.builder()
                        .add("Host", r.host())
                        .add("Content-Type", "application/json")
                        .add("Content-Digest", ContentDigest.create(r.body(), DigestAlgorithm.SHA_512))
                        .add("X-Custom", r.custom())
                        .add("X-Dict", "a=1, b=(\"x\" 2);q=3")
                        .build(),
                r.body());
    }

    static HttpMessage sign(HttpMessage m, SignatureAlgorithm alg) throws HttpSignatureException {
        SigningKey key = SIGNERS.get(alg);
        SignatureParameters p = SignatureParameters.builder()
                .components(COVERED)
                .created(CREATED)
                .keyid(key.keyId())
                .alg(alg)
                .build();
        return m.withHeaders(MessageSigner.sign(m, "sig", p, key).addTo(m.headers()));
    }

    @Property(tries = 200)
    void every_algorithm_signs_and_verifies(@ForAll("requests") Req r, @ForAll SignatureAlgorithm alg)
            throws Exception {
        VerificationResult result = VERIFIER.verify(sign(message(r), alg));
        assertThat(result)
                .isEqualTo(
                        new VerificationResult.Verified("sig", SIGNERS.get(alg).keyId(), null));
    }

    enum Part {
        METHOD,
        AUTHORITY,
        PATH,
        QUERY,
        CONTENT_TYPE,
        CUSTOM,
        DICT_MEMBER,
        BODY,
        SIGNATURE
    }

    @Property(tries = 200)
    void flipping_a_covered_byte_fails(
            @ForAll("requests") Req r,
            @ForAll SignatureAlgorithm alg,
            @ForAll Part part,
            @ForAll @IntRange(min = 0, max = 1000) int at,
            @ForAll @IntRange(min = 1, max = 0x7f) int mask)
            throws Exception {
        if (mask == 0x20 && part == Part.AUTHORITY) {
            return; // a case change of the host is normalised away, by design
        }
        HttpMessage m = sign(message(r), alg);
        HttpMessage flipped = switch (part) {
            case METHOD -> new HttpMessage(flip(m.method(), at, mask), m.targetUri(), m.headers(), m.body());
            case AUTHORITY -> set(m, "Host", flip(r.host(), at, mask));
            case PATH ->
                r.path().length() < 2
                        ? null
                        : m.withTargetUri("/" + flip(r.path().substring(1), at, mask) + "?" + r.query());
            case QUERY -> r.query().isEmpty() ? null : m.withTargetUri(r.path() + "?" + flip(r.query(), at, mask));
            case CONTENT_TYPE -> set(m, "Content-Type", flip("application/json", at, mask));
            case CUSTOM -> set(m, "X-Custom", flip(r.custom(), at, mask));
            case DICT_MEMBER -> set(m, "X-Dict", "a=1, b=(\"x\" " + (2 ^ mask) + ");q=3");
            case BODY -> m.withBody(flipBytes(r.body(), at, mask));
            case SIGNATURE -> {
                String s = m.headers().first("Signature").orElseThrow();
                byte[] raw = java.util.Base64.getDecoder().decode(s.substring(5, s.length() - 1));
                yield set(
                        m,
                        "Signature",
                        "sig=:" + java.util.Base64.getEncoder().encodeToString(flipBytes(raw, at, mask)) + ":");
            }
        };
        if (flipped == null) {
            return; // nothing to flip in an empty path or query
        }
        if (part == Part.AUTHORITY
                && flipped.headers().first("Host").orElseThrow().strip().equalsIgnoreCase(r.host())) {
            return;
        }
        assertThat(VERIFIER.verify(flipped).isVerified()).as("%s %s", alg, part).isFalse();
    }

    static HttpMessage set(HttpMessage m, String name, String value) {
        return m.withHeaders(m.headers().toBuilder().set(name, value).build());
    }

    static String flip(String s, int at, int mask) {
        char[] c = s.toCharArray();
        int i = at % c.length;
        c[i] = (char) (c[i] ^ mask);
        return new String(c);
    }

    static byte[] flipBytes(byte[] b, int at, int mask) {
        if (b.length == 0) {
            return new byte[] {(byte) mask};
        }
        byte[] out = b.clone();
        out[at % out.length] ^= (byte) mask;
        return out;
    }
}
