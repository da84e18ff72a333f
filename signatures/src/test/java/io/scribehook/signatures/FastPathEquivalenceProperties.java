package io.scribehook.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/** The healthie-rfc9421 fast path gives exactly the generic verifier's answer. */
class FastPathEquivalenceProperties {
    static final Instant CREATED = Instant.ofEpochSecond(1_750_000_000L);
    static final WebhookSecret A = new WebhookSecret("a", "whsec_fast_a");
    static final WebhookSecret B = new WebhookSecret("b", "whsec_fast_b");
    static final WebhookSecret A_RENAMED = new WebhookSecret("local-name", "whsec_fast_a");

    @Provide
    Arbitrary<List<WebhookSecret>> verifierSecrets() {
        return Arbitraries.of(List.of(A), List.of(B), List.of(A, B), List.of(A_RENAMED), List.of(B, A_RENAMED));
    }

    @Provide
    Arbitrary<List<WebhookSecret>> signerSecrets() {
        return Arbitraries.of(List.of(A), List.of(B), List.of(A, B), List.of(B, A));
    }

    @Provide
    Arbitrary<String> targets() {
        return Arbitraries.of(
                "/hooks",
                "/hooks?x=1&y=2",
                "/",
                "/a/b%20c?",
                "https://receiver.example/hooks?x=1",
                "https://receiver.example");
    }

    @Property(tries = 600)
    void fast_and_generic_agree(
            @ForAll("signerSecrets") List<WebhookSecret> signing,
            @ForAll("verifierSecrets") List<WebhookSecret> verifying,
            @ForAll("targets") String target,
            @ForAll @IntRange(min = 0, max = 11) int mutation,
            @ForAll @IntRange(min = -400, max = 400) int clockOffset,
            @ForAll byte[] body) {
        Map<String, String> h = new LinkedHashMap<>(WebhookSigner.sign(
                Profile.HEALTHIE_RFC9421, "POST", target, "application/json", body, signing, CREATED));
        String input = h.get("Signature-Input");
        switch (mutation) {
            case 1 -> h.put("Signature-Input", input.replace(";", "; "));
            case 2 -> h.put("Signature-Input", input.replace("(\"@method\"", "( \"@method\""));
            case 3 -> h.put("Signature-Input", input.replace("created=1750000000", "created=1750000001"));
            case 4 -> h.put("Signature-Input", input.replace("keyid=\"a\"", "keyid=\"zz\""));
            case 5 -> {
                h.put("Signature-Input", swap(input));
                h.put("Signature", swap(h.get("Signature")));
            }
            case 6 -> h.put("Signature-Input", input.replace("\"@path\" \"@query\"", "\"@query\" \"@path\""));
            case 7 ->
                h.put("Signature-Input", input.replace("tag=\"healthie-webhook\"", "tag=\"healthie-webhook\";x=1"));
            case 8 -> h.put("Signature-Input", input.replace(";alg=\"hmac-sha256\"", ""));
            case 9 -> h.put("Content-Length", "0" + h.get("Content-Length"));
            case 10 -> h.put("Signature-Input", input.replace("created=1750000000", "created=01750000000"));
            case 11 -> h.put("Signature", h.get("Signature").replace("=:", "=:AAAA"));
            default -> {}
        }
        HttpMessage m = new HttpMessage(
                "POST",
                target,
                HttpFields.builder().add("Host", "receiver.example").addAll(h).build(),
                body);
        WebhookVerifier v = WebhookVerifier.builder()
                .secrets(verifying)
                .clock(Clock.fixed(CREATED.plusSeconds(clockOffset), ZoneOffset.UTC))
                .build();
        VerificationResult fast = v.verify(m);
        assertThat(fast).isEqualTo(v.verifyWithoutFastPath(m));
        Statistics.collect(
                fast instanceof VerificationResult.Failed f ? f.reason().code() : "verified");
    }

    private static String swap(String members) {
        int comma = members.indexOf(", sig2=");
        if (comma < 0) {
            return members;
        }
        List<String> parts = new ArrayList<>(List.of(members.substring(0, comma), members.substring(comma + 2)));
        return parts.get(1) + ", " + parts.get(0);
    }
}
