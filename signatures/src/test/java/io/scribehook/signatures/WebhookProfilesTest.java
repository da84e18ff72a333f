package io.scribehook.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scribehook.signatures.VerificationResult.Failed;
import io.scribehook.signatures.VerificationResult.Verified;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Known-answer vectors for the three profiles (computed independently, see comments) and signer output. */
class WebhookProfilesTest {
    static final byte[] BODY =
            "{\"resource_id\":\"12345\",\"resource_id_type\":\"Appointment\",\"event_type\":\"appointment.transcript_available\",\"changed_fields\":[]}"
                    .getBytes(StandardCharsets.UTF_8);
    static final Instant CREATED = Instant.ofEpochSecond(1_700_000_000L);
    static final Clock CLOCK = Clock.fixed(CREATED.plusSeconds(5), ZoneOffset.UTC);

    static WebhookVerifier verifier(List<WebhookSecret> secrets, Profile... profiles) {
        return WebhookVerifier.builder()
                .profiles(List.of(profiles))
                .secrets(secrets)
                .clock(CLOCK)
                .build();
    }

    static HttpMessage request(String target, Map<String, String> headers, byte[] body) {
        return new HttpMessage(
                "POST",
                target,
                HttpFields.builder()
                        .add("Host", "receiver.example")
                        .addAll(headers)
                        .build(),
                body);
    }

    /** Produced by shared/bench/gen_guide.py 1 whsec_test_guide /healthie-webhooks 7. */
    @Test
    void guide_vector_from_the_reference_generator() {
        byte[] body =
                "{\"resource_id\":\"100007\",\"resource_id_type\":\"Appointment\",\"event_type\":\"appointment.participant_joined\",\"changed_fields\":[]}"
                        .getBytes(StandardCharsets.UTF_8);
        HttpMessage m = request(
                "/healthie-webhooks",
                Map.of(
                        "Content-Type", "application/json",
                        "Content-Length", Integer.toString(body.length),
                        "Content-Digest", "sha-256=:Yvj70B9IKscEJaEtdCp2vWWDQyS6/JrOAtDs5Dw9ZbQ=:",
                        "Signature", "sig1=:6788a953eeb0ac55f5b2e1ac4945646976615d2ed544689d97ca11fd96972609:"),
                body);
        assertThat(verifier(List.of(WebhookSecret.of("whsec_test_guide")), Profile.values())
                        .verify(m))
                .isEqualTo(new Verified("sig1", "default", Profile.GUIDE));
        Map<String, String> signed = WebhookSigner.sign(
                Profile.GUIDE,
                "POST",
                "/healthie-webhooks",
                "application/json",
                body,
                List.of(WebhookSecret.of("whsec_test_guide")),
                CREATED);
        assertThat(signed.get("Signature"))
                .isEqualTo("sig1=:6788a953eeb0ac55f5b2e1ac4945646976615d2ed544689d97ca11fd96972609:");
        assertThat(signed.get("Content-Digest")).isEqualTo("sha-256=:Yvj70B9IKscEJaEtdCp2vWWDQyS6/JrOAtDs5Dw9ZbQ=:");
        assertThat(signed.keySet())
                .containsExactly("Content-Type", "Content-Length", "Content-Digest", "Signature-Input", "Signature");
    }

    /**
     * Python: base = f"post /healthie-webhooks  {b64} application/json 124" (empty query: two spaces),
     * hmac.new(b"whsec_api_secret", base, sha256).hexdigest().
     */
    @Test
    void healthie_api_vector_with_empty_and_non_empty_query() {
        String digest = "SHA-256=HjyerqL1aWYaqZUpqgSFHxIw2ON3HPRc/SBoufE3e+E=";
        WebhookVerifier v = verifier(List.of(new WebhookSecret("api", "whsec_api_secret")), Profile.values());
        HttpMessage m = request(
                "/healthie-webhooks",
                Map.of(
                        "Content-Type",
                        "application/json",
                        "Content-Digest",
                        digest,
                        "Signature",
                        "sig1=87a379456a36b797c324b9b52ef45c903ed320f52129540f49b9887e4c8d7c8e"),
                BODY);
        assertThat(v.verify(m)).isEqualTo(new Verified("sig1", "api", Profile.HEALTHIE_API));
        HttpMessage q = request(
                "/healthie-webhooks?a=1&b=2",
                Map.of(
                        "Content-Type",
                        "application/json",
                        "Content-Digest",
                        digest,
                        "Signature",
                        "sig1=3beead2a049d523e86e4523e777897e54a7e788416dc77f11c8d06b0a8231cb5"),
                BODY);
        assertThat(v.verify(q).isVerified()).isTrue();
        Map<String, String> signed = WebhookSigner.sign(
                Profile.HEALTHIE_API,
                "POST",
                "/healthie-webhooks",
                "application/json",
                BODY,
                List.of(new WebhookSecret("api", "whsec_api_secret")),
                CREATED);
        assertThat(signed.get("Content-Digest")).isEqualTo(digest);
        assertThat(signed.get("Signature"))
                .isEqualTo("sig1=87a379456a36b797c324b9b52ef45c903ed320f52129540f49b9887e4c8d7c8e");
    }

    /** Python: the seven-line RFC 9421 base with created=1700000000, keyid "k1", HMAC with whsec_rfc_secret, base64. */
    @Test
    void healthie_rfc9421_vector() {
        WebhookSecret secret = new WebhookSecret("k1", "whsec_rfc_secret");
        Map<String, String> signed = WebhookSigner.sign(
                Profile.HEALTHIE_RFC9421,
                "POST",
                "/healthie-webhooks?a=1",
                "application/json",
                BODY,
                List.of(secret),
                CREATED);
        assertThat(signed)
                .containsExactly(
                        Map.entry("Content-Type", "application/json"),
                        Map.entry("Content-Length", "124"),
                        Map.entry("Content-Digest", "sha-256=:HjyerqL1aWYaqZUpqgSFHxIw2ON3HPRc/SBoufE3e+E=:"),
                        Map.entry(
                                "Signature-Input",
                                "sig1=(\"@method\" \"@path\" \"@query\" \"content-digest\" \"content-type\" \"content-length\");created=1700000000;keyid=\"k1\";alg=\"hmac-sha256\";tag=\"healthie-webhook\""),
                        Map.entry("Signature", "sig1=:7KPTOS9A0BsayEfWHbqT4CB65j6/dN4lJfC4ITshNK8=:"));
        assertThat(verifier(List.of(secret), Profile.values()).verify(request("/healthie-webhooks?a=1", signed, BODY)))
                .isEqualTo(new Verified("sig1", "k1", Profile.HEALTHIE_RFC9421));
    }

    @Test
    void rotation_signs_sig1_and_sig2_and_either_secret_verifies() {
        WebhookSecret current = new WebhookSecret("current", "whsec_new");
        WebhookSecret previous = new WebhookSecret("previous", "whsec_old");
        Map<String, String> signed = WebhookSigner.sign(
                Profile.HEALTHIE_RFC9421,
                "POST",
                "/hooks",
                "application/json",
                BODY,
                List.of(current, previous),
                CREATED);
        assertThat(signed.get("Signature-Input"))
                .contains("sig1=(")
                .contains(", sig2=(")
                .contains("keyid=\"previous\"");
        HttpMessage m = request("/hooks", signed, BODY);
        assertThat(verifier(List.of(previous), Profile.HEALTHIE_RFC9421).verify(m))
                .isEqualTo(new Verified("sig2", "previous", Profile.HEALTHIE_RFC9421));
        assertThat(verifier(List.of(current), Profile.HEALTHIE_RFC9421).verify(m))
                .isEqualTo(new Verified("sig1", "current", Profile.HEALTHIE_RFC9421));
        // the receiver names its secrets differently: keyid fallback still finds it
        assertThat(verifier(List.of(new WebhookSecret("env-1", "whsec_old")), Profile.HEALTHIE_RFC9421)
                        .verify(m)
                        .isVerified())
                .isTrue();
        // legacy profiles: first secret signs, any configured secret verifies
        for (Profile p : List.of(Profile.GUIDE, Profile.HEALTHIE_API)) {
            HttpMessage legacy = request(
                    "/hooks",
                    WebhookSigner.sign(p, "POST", "/hooks", "application/json", BODY, List.of(previous), CREATED),
                    BODY);
            assertThat(verifier(List.of(current, previous), Profile.values()).verify(legacy))
                    .isEqualTo(new Verified("sig1", "previous", p));
        }
    }

    @Test
    void public_path_replaces_a_rewritten_path_and_keeps_the_query() {
        WebhookSecret s = WebhookSecret.of("whsec_x");
        for (Profile p : Profile.HEALTHIE) {
            Map<String, String> signed = WebhookSigner.sign(
                    p, "POST", "/healthie-webhooks?src=h", "application/json", BODY, List.of(s), CREATED);
            HttpMessage rewritten = request("/internal/hooks?src=h", signed, BODY);
            WebhookVerifier plain = verifier(List.of(s), Profile.values());
            WebhookVerifier withPublic = WebhookVerifier.builder()
                    .secrets(List.of(s))
                    .publicPath("/healthie-webhooks")
                    .clock(CLOCK)
                    .build();
            assertThat(plain.verify(rewritten)).isInstanceOf(Failed.class);
            assertThat(withPublic.verify(rewritten)).isEqualTo(new Verified("sig1", "default", p));
            assertThat(withPublic.verify(rewritten.withTargetUri("/internal/hooks?src=x")))
                    .isInstanceOf(Failed.class);
        }
    }

    @Test
    void precheck_tries_only_the_profile_the_signature_looks_like_and_reports_the_best_failure() {
        WebhookSecret s = WebhookSecret.of("whsec_x");
        WebhookVerifier all = verifier(List.of(s), Profile.values());
        Map<String, String> guide =
                WebhookSigner.sign(Profile.GUIDE, "POST", "/h", "application/json", BODY, List.of(s), CREATED);
        HttpMessage changed = request("/h", guide, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(((Failed) all.verify(changed)).reason()).isEqualTo(Reason.DIGEST_MISMATCH);
        assertThat(((Failed) all.verify(request("/other", guide, BODY))).reason())
                .isEqualTo(Reason.SIGNATURE_INVALID);
        HttpMessage noSignature =
                new HttpMessage("POST", "/h", HttpFields.of("Content-Type", "application/json"), BODY);
        assertThat(((Failed) all.verify(noSignature)).reason()).isEqualTo(Reason.MISSING_SIGNATURE);
        // a guide-shaped signature when only healthie-rfc9421 is accepted
        Failed onlyRfc = (Failed) verifier(List.of(s), Profile.HEALTHIE_RFC9421).verify(request("/h", guide, BODY));
        assertThat(onlyRfc.reason()).isIn(Reason.SIGNATURE_INVALID, Reason.MISSING_REQUIRED_PARAMETER);
        // an api-shaped signature when only the guide is accepted
        Map<String, String> api =
                WebhookSigner.sign(Profile.HEALTHIE_API, "POST", "/h", "application/json", BODY, List.of(s), CREATED);
        assertThat(((Failed) verifier(List.of(s), Profile.GUIDE).verify(request("/h", api, BODY))).reason())
                .isEqualTo(Reason.MALFORMED_SIGNATURE);
        // the RFC profile's time window
        Map<String, String> rfc = WebhookSigner.sign(
                Profile.HEALTHIE_RFC9421,
                "POST",
                "/h",
                "application/json",
                BODY,
                List.of(s),
                CREATED.minusSeconds(400));
        assertThat(((Failed) all.verify(request("/h", rfc, BODY))).reason()).isEqualTo(Reason.CREATED_TOO_OLD);
    }

    @Test
    void guide_tolerates_a_missing_content_length_but_not_a_missing_content_type() {
        WebhookSecret s = WebhookSecret.of("whsec_x");
        Map<String, String> guide =
                WebhookSigner.sign(Profile.GUIDE, "POST", "/h", "application/json", BODY, List.of(s), CREATED);
        HttpMessage m = request("/h", guide, BODY);
        WebhookVerifier v = verifier(List.of(s), Profile.GUIDE);
        assertThat(v.verify(m.withHeaders(
                                m.headers().toBuilder().remove("Content-Length").build()))
                        .isVerified())
                .isTrue();
        assertThat(((Failed) v.verify(m.withHeaders(
                                m.headers().toBuilder().remove("Content-Type").build())))
                        .reason())
                .isEqualTo(Reason.COMPONENT_MISSING);
        assertThat(((Failed) v.verify(m.withHeaders(
                                m.headers().toBuilder().remove("Content-Digest").build())))
                        .reason())
                .isEqualTo(Reason.MISSING_CONTENT_DIGEST);
    }

    @Test
    void secrets_and_builders_guard_their_inputs() {
        assertThat(new WebhookSecret("k", "whsec_supersecret").toString()).doesNotContain("supersecret");
        assertThat(new WebhookSecret(null, "x").keyId()).isEqualTo("default");
        assertThatThrownBy(() -> WebhookSecret.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookSecret("k\n", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookVerifier.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> WebhookVerifier.builder()
                        .secrets(List.of(WebhookSecret.of("x")))
                        .profiles(List.of())
                        .build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> WebhookSigner.sign(Profile.GUIDE, "POST", "/", null, BODY, List.of(), CREATED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Profile.byId(" Healthie-RFC9421 ")).contains(Profile.HEALTHIE_RFC9421);
        assertThat(Profile.byId("zoom")).isEmpty();
        assertThat(Profile.GUIDE.id()).isEqualTo("guide");
        assertThat(Reason.DIGEST_MISMATCH.code()).isEqualTo("digest_mismatch");
    }

    @Test
    void http_fields_are_case_insensitive_ordered_and_multi_valued() {
        HttpFields f = HttpFields.builder()
                .add("Content-Type", "a")
                .add("X-A", " 1 ")
                .add("x-a", "2")
                .build();
        assertThat(f.first("content-type")).contains("a");
        assertThat(f.all("X-a")).containsExactly(" 1 ", "2");
        assertThat(f.combined("x-A")).isEqualTo("1, 2");
        assertThat(f.asMap().keySet()).containsExactly("Content-Type", "X-A");
        assertThat(HttpFields.of(Map.of("HOST", List.of("h"))).first("host")).contains("h");
        assertThat(f.all("absent")).isEmpty();
        assertThat(f.toString()).doesNotContain("1, 2");
    }

    @Test
    void verifier_is_safe_to_share_between_threads() throws Exception {
        WebhookSecret s = WebhookSecret.of("whsec_threads");
        WebhookVerifier v = verifier(List.of(s), Profile.values());
        List<HttpMessage> messages = new java.util.ArrayList<>();
        for (Profile p : Profile.HEALTHIE) {
            messages.add(request(
                    "/h", WebhookSigner.sign(p, "POST", "/h", "application/json", BODY, List.of(s), CREATED), BODY));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        if (!v.verify(messages.get(i % messages.size())).isVerified()) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (java.util.concurrent.Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
