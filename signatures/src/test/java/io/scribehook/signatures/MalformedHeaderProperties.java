package io.scribehook.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
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
import net.jqwik.api.statistics.Statistics;

/**
 * 11,000 random malformed header values (Signature-Input, Signature, Content-Digest, Zoom headers):
 * verification never throws and every failure carries a specific reason and a message free of key
 * material.
 */
class MalformedHeaderProperties {
    static final String SECRET = "whsec_malformed_property_secret";
    static final Instant CREATED = Instant.ofEpochSecond(1_750_000_000L);
    static final Clock CLOCK = Clock.fixed(CREATED, ZoneOffset.UTC);
    static final WebhookVerifier VERIFIER = WebhookVerifier.builder()
            .secrets(List.of(new WebhookSecret("k1", SECRET)))
            .clock(CLOCK)
            .build();
    static final byte[] BODY =
            "{\"resource_id\":\"1\",\"event_type\":\"appointment.created\"}".getBytes(StandardCharsets.UTF_8);
    static final Map<String, Map<String, String>> SIGNED = Map.of(
            "guide",
                    WebhookSigner.sign(
                            Profile.GUIDE,
                            "POST",
                            "/h",
                            "application/json",
                            BODY,
                            List.of(new WebhookSecret("k1", SECRET)),
                            CREATED),
            "api",
                    WebhookSigner.sign(
                            Profile.HEALTHIE_API,
                            "POST",
                            "/h",
                            "application/json",
                            BODY,
                            List.of(new WebhookSecret("k1", SECRET)),
                            CREATED),
            "rfc",
                    WebhookSigner.sign(
                            Profile.HEALTHIE_RFC9421,
                            "POST",
                            "/h",
                            "application/json",
                            BODY,
                            List.of(new WebhookSecret("k1", SECRET)),
                            CREATED));

    /** Characters that matter to structured fields and to the legacy forms, plus a few that never belong. */
    static final String ALPHABET = "abcdefsig0123456789:=;,()\"\\ \t?*@%-._/+ABCDEFé\u0000\u007f\n";

    /** A valid value mutated 1-4 times (insert, delete, replace, truncate, duplicate), or pure noise. */
    static Arbitrary<String> malformed(String valid) {
        Arbitrary<String> noise = Arbitraries.strings().withChars(ALPHABET).ofMaxLength(80);
        Arbitrary<int[]> edit = Combinators.combine(
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, valid.length()),
                        Arbitraries.integers().between(0, ALPHABET.length() - 1))
                .as((op, at, c) -> new int[] {op, at, c});
        Arbitrary<String> mutated = edit.list().ofMinSize(1).ofMaxSize(4).map(edits -> {
            String s = valid;
            for (int[] e : edits) {
                s = mutate(s, e[0], e[1], ALPHABET.charAt(e[2]));
            }
            return s;
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, noise), net.jqwik.api.Tuple.of(4, mutated));
    }

    static String mutate(String s, int op, int at, char c) {
        int i = Math.min(at, s.length());
        return switch (op) {
            case 0 -> s.substring(0, i) + c + s.substring(i);
            case 1 -> i < s.length() ? s.substring(0, i) + s.substring(i + 1) : s + c;
            case 2 -> i < s.length() ? s.substring(0, i) + c + s.substring(i + 1) : c + s;
            case 3 -> s.substring(0, i);
            default -> s.substring(0, i) + s.substring(i / 2);
        };
    }

    @Provide
    Arbitrary<Map.Entry<String, String>> signatureInputs() {
        return malformed(SIGNED.get("rfc").get("Signature-Input")).map(v -> Map.entry("rfc", v));
    }

    @Provide
    Arbitrary<Map.Entry<String, String>> signatures() {
        return Arbitraries.of("guide", "api", "rfc")
                .flatMap(p -> malformed(SIGNED.get(p).get("Signature")).map(v -> Map.entry(p, v)));
    }

    @Provide
    Arbitrary<Map.Entry<String, String>> digests() {
        return Arbitraries.of("guide", "api", "rfc")
                .flatMap(p -> malformed(SIGNED.get(p).get("Content-Digest")).map(v -> Map.entry(p, v)));
    }

    static void check(String profile, String header, String value) {
        Map<String, String> headers = SIGNED.get(profile);
        HttpFields.Builder b = HttpFields.builder()
                .add("Host", "receiver.example")
                .addAll(headers)
                .set(header, value);
        VerificationResult r = VERIFIER.verify(new HttpMessage("POST", "/h", b.build(), BODY));
        if (r instanceof VerificationResult.Failed f) {
            assertThat(f.reason()).isNotNull();
            assertThat(f.message()).isNotBlank().doesNotContain(SECRET);
            Statistics.label("reason").collect(f.reason().code());
        } else {
            Statistics.label("reason").collect("verified (harmless mutation)");
        }
    }

    @Property(tries = 4000)
    void malformed_signature_input(@ForAll("signatureInputs") Map.Entry<String, String> e) {
        check(e.getKey(), "Signature-Input", e.getValue());
    }

    @Property(tries = 3000)
    void malformed_signature(@ForAll("signatures") Map.Entry<String, String> e) {
        check(e.getKey(), "Signature", e.getValue());
    }

    @Property(tries = 3000)
    void malformed_content_digest(@ForAll("digests") Map.Entry<String, String> e) {
        check(e.getKey(), "Content-Digest", e.getValue());
    }

    @Provide
    Arbitrary<String> zoomSignatures() {
        return malformed(ZoomSignature.sign("zoom-secret", "1750000000", BODY));
    }

    @Provide
    Arbitrary<String> zoomTimestamps() {
        return malformed("1750000000");
    }

    @Property(tries = 1000)
    void malformed_zoom_headers(
            @ForAll("zoomSignatures") String signature, @ForAll("zoomTimestamps") String timestamp) {
        VerificationResult r =
                ZoomSignature.verify("zoom-secret", signature, timestamp, BODY, CLOCK, Duration.ofMinutes(5));
        if (r instanceof VerificationResult.Failed f) {
            assertThat(f.reason()).isNotNull();
            assertThat(f.message()).doesNotContain("zoom-secret");
            Statistics.label("reason").collect(f.reason().code());
        }
    }
}
