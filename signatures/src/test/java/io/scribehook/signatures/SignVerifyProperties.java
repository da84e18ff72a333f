package io.scribehook.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** For random requests, every profile signs and verifies; flipping one byte of a covered part fails. */
class SignVerifyProperties {
    static final Instant CREATED = Instant.ofEpochSecond(1_750_000_000L);
    static final Clock CLOCK = Clock.fixed(CREATED.plusSeconds(3), ZoneOffset.UTC);
    static final List<WebhookSecret> SECRETS =
            List.of(new WebhookSecret("k1", "whsec_property_one"), new WebhookSecret("k2", "whsec_property_two"));
    static final WebhookVerifier VERIFIER = WebhookVerifier.builder()
            .profiles(List.of(Profile.values()))
            .secrets(SECRETS)
            .clock(CLOCK)
            .build();

    record Req(String method, String path, String query, String contentType, byte[] body) {
        String target() {
            return query == null ? path : path + "?" + query;
        }
    }

    @Provide
    Arbitrary<Req> requests() {
        Arbitrary<String> segment = Arbitraries.strings()
                .withChars("abcxyz0189-_.~%")
                .ofMinLength(1)
                .ofMaxLength(8);
        Arbitrary<String> path = segment.list().ofMinSize(1).ofMaxSize(4).map(l -> "/" + String.join("/", l));
        Arbitrary<String> query =
                Arbitraries.strings().withChars("abz09=&%+-._").ofMaxLength(20).injectNull(0.3);
        return Combinators.combine(
                        Arbitraries.of("POST", "PUT", "PATCH", "DELETE"),
                        path,
                        query,
                        Arbitraries.of("application/json", "application/json; charset=utf-8", "text/plain"),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(600))
                .as(Req::new);
    }

    static HttpMessage message(Req r, Map<String, String> headers) {
        return new HttpMessage(
                r.method(),
                r.target(),
                HttpFields.builder()
                        .add("Host", "receiver.example")
                        .addAll(headers)
                        .build(),
                r.body());
    }

    static Map<String, String> sign(Profile p, Req r, List<WebhookSecret> secrets) {
        return WebhookSigner.sign(p, r.method(), r.target(), r.contentType(), r.body(), secrets, CREATED);
    }

    @Property(tries = 300)
    void every_profile_signs_and_verifies(@ForAll("requests") Req r, @ForAll Profile p, @ForAll boolean rotated) {
        List<WebhookSecret> signing = rotated ? List.of(SECRETS.get(1), SECRETS.get(0)) : SECRETS.subList(0, 1);
        VerificationResult result = VERIFIER.verify(message(r, sign(p, r, signing)));
        assertThat(result)
                .isInstanceOfSatisfying(
                        VerificationResult.Verified.class,
                        v -> assertThat(v.profile()).isEqualTo(p));
    }

    /** The parts each profile covers; a one-byte change to any of them must fail verification. */
    enum Part {
        METHOD,
        PATH,
        QUERY,
        CONTENT_DIGEST,
        CONTENT_TYPE,
        CONTENT_LENGTH,
        SIGNATURE_INPUT,
        BODY
    }

    static boolean covered(Profile p, Part part) {
        return switch (p) {
            case GUIDE -> part != Part.SIGNATURE_INPUT;
            case HEALTHIE_API ->
                part != Part.CONTENT_TYPE && part != Part.CONTENT_LENGTH && part != Part.SIGNATURE_INPUT;
            case HEALTHIE_RFC9421 -> true;
            case STANDARD_WEBHOOKS -> part == Part.BODY;
        };
    }

    @Property(tries = 600)
    void flipping_one_byte_of_a_covered_part_fails(
            @ForAll("requests") Req r,
            @ForAll Profile p,
            @ForAll Part part,
            @ForAll @IntRange(min = 0, max = 10_000) int position,
            @ForAll @IntRange(min = 1, max = 0x7f) int mask) {
        if (!covered(p, part)
                || mask == 0x20
                || (part == Part.QUERY && (r.query() == null || r.query().isEmpty()))) {
            return;
        }
        Map<String, String> headers = sign(p, r, SECRETS.subList(0, 1));
        HttpMessage m = message(r, headers);
        HttpMessage flipped = switch (part) {
            case METHOD -> new HttpMessage(flip(r.method(), position, mask), m.targetUri(), m.headers(), m.body());
            case PATH -> m.withTargetUri(flip(r.path(), position, mask) + (r.query() == null ? "" : "?" + r.query()));
            case QUERY -> m.withTargetUri(r.path() + "?" + flip(r.query(), position, mask));
            case CONTENT_DIGEST -> header(m, "Content-Digest", position, mask);
            case CONTENT_TYPE -> header(m, "Content-Type", position, mask);
            case CONTENT_LENGTH -> header(m, "Content-Length", position, mask);
            case SIGNATURE_INPUT -> header(m, "Signature-Input", position, mask);
            case BODY -> {
                if (r.body().length == 0) {
                    yield m.withBody(new byte[] {(byte) mask});
                }
                byte[] b = r.body().clone();
                b[position % b.length] ^= (byte) mask;
                yield m.withBody(b);
            }
        };
        if (part == Part.PATH && !flipped.targetUri().startsWith("/")) {
            return; // the leading '/' itself was flipped: no longer an origin-form target
        }
        assertThat(VERIFIER.verify(flipped).isVerified()).as("%s %s", p, part).isFalse();
    }

    static HttpMessage header(HttpMessage m, String name, int position, int mask) {
        String v = m.headers().first(name).orElseThrow();
        return m.withHeaders(
                m.headers().toBuilder().set(name, flip(v, position, mask)).build());
    }

    static String flip(String s, int position, int mask) {
        char[] c = s.toCharArray();
        int i = position % c.length;
        c[i] = (char) (c[i] ^ mask);
        return new String(c);
    }

    @Property(tries = 200)
    void a_different_secret_never_verifies(@ForAll("requests") Req r, @ForAll Profile p) {
        Map<String, String> headers = sign(p, r, List.of(new WebhookSecret("k1", "whsec_somebody_else")));
        VerificationResult result = VERIFIER.verify(message(r, headers));
        assertThat(result)
                .isInstanceOfSatisfying(
                        VerificationResult.Failed.class,
                        f -> assertThat(f.reason()).isEqualTo(Reason.SIGNATURE_INVALID));
    }
}
