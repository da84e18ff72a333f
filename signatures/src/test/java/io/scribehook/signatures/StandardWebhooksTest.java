package io.scribehook.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scribehook.signatures.VerificationResult.Failed;
import io.scribehook.signatures.VerificationResult.Verified;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The standard-webhooks profile against the vectors of the Standard Webhooks spec's own libraries. */
class StandardWebhooksTest {
    // the "sign function works" vector of the spec's reference libraries
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final Instant TIMESTAMP = Instant.ofEpochSecond(1614265330);
    static final byte[] PAYLOAD = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    static final Clock AT_TIMESTAMP = Clock.fixed(TIMESTAMP, ZoneOffset.UTC);

    @Test
    void signs_the_spec_vector() {
        assertThat(StandardWebhooks.sign(WebhookSecret.of(SECRET), MSG_ID, TIMESTAMP, PAYLOAD))
                .isEqualTo(EXPECTED);
        // a secret without the prefix is the same base64 key
        assertThat(StandardWebhooks.sign(
                        WebhookSecret.of("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), MSG_ID, TIMESTAMP, PAYLOAD))
                .isEqualTo(EXPECTED);
    }

    @Test
    void signer_sends_the_three_headers_and_no_content_digest() {
        Map<String, String> h = WebhookSigner.sign(
                Profile.STANDARD_WEBHOOKS,
                "POST",
                "/hooks",
                "application/json",
                PAYLOAD,
                List.of(WebhookSecret.of(SECRET)),
                TIMESTAMP,
                MSG_ID);
        assertThat(h)
                .containsEntry("webhook-id", MSG_ID)
                .containsEntry("webhook-timestamp", "1614265330")
                .containsEntry("webhook-signature", EXPECTED)
                .doesNotContainKey("Content-Digest")
                .doesNotContainKey("Signature");
    }

    @Test
    void verifies_the_vector_and_a_list_holding_one_valid_signature() {
        HttpFields ok = headers(MSG_ID, "1614265330", EXPECTED);
        assertThat(verify(ok, PAYLOAD)).isEqualTo(new Verified("v1", "default", Profile.STANDARD_WEBHOOKS));
        HttpFields multi = headers(
                MSG_ID,
                "1614265330",
                "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= "
                        + EXPECTED + " v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=");
        assertThat(verify(multi, PAYLOAD).isVerified()).isTrue();
    }

    @Test
    void refuses_changes_to_body_id_timestamp_and_signature() {
        assertThat(reason(headers(MSG_ID, "1614265330", EXPECTED), "{\"test\": 2432232315}"))
                .isEqualTo(Reason.SIGNATURE_INVALID);
        assertThat(reason(headers("msg_other", "1614265330", EXPECTED), null)).isEqualTo(Reason.SIGNATURE_INVALID);
        assertThat(reason(headers(MSG_ID, "1614265331", EXPECTED), null)).isEqualTo(Reason.SIGNATURE_INVALID);
        assertThat(reason(headers(MSG_ID, "1614265330", "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc="), null))
                .isEqualTo(Reason.SIGNATURE_INVALID);
        assertThat(reason(headers(MSG_ID, "1614265330", "v2," + EXPECTED.substring(3)), null))
                .isEqualTo(Reason.MALFORMED_SIGNATURE);
        assertThat(reason(headers(MSG_ID, "hello", EXPECTED), null)).isEqualTo(Reason.MISSING_REQUIRED_PARAMETER);
        assertThat(reason(HttpFields.of("webhook-timestamp", "1614265330", "webhook-signature", EXPECTED), null))
                .isEqualTo(Reason.MISSING_REQUIRED_PARAMETER);
    }

    @Test
    void timestamp_tolerance_is_five_minutes_either_way() {
        HttpFields h = headers(MSG_ID, "1614265330", EXPECTED);
        assertThat(StandardWebhooks.verify(
                                h,
                                PAYLOAD,
                                List.of(WebhookSecret.of(SECRET)),
                                shifted(300),
                                StandardWebhooks.DEFAULT_TOLERANCE)
                        .isVerified())
                .isTrue();
        assertThat(((Failed) StandardWebhooks.verify(
                                h,
                                PAYLOAD,
                                List.of(WebhookSecret.of(SECRET)),
                                shifted(301),
                                StandardWebhooks.DEFAULT_TOLERANCE))
                        .reason())
                .isEqualTo(Reason.CREATED_TOO_OLD);
        assertThat(((Failed) StandardWebhooks.verify(
                                h,
                                PAYLOAD,
                                List.of(WebhookSecret.of(SECRET)),
                                shifted(-301),
                                StandardWebhooks.DEFAULT_TOLERANCE))
                        .reason())
                .isEqualTo(Reason.CREATED_IN_FUTURE);
    }

    @Test
    void webhook_verifier_accepts_the_profile_only_when_configured_and_during_rotation_either_key() {
        WebhookSecret current = new WebhookSecret(
                "new", "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]));
        WebhookSecret previous = new WebhookSecret("old", SECRET);
        Map<String, String> signed = WebhookSigner.sign(
                Profile.STANDARD_WEBHOOKS, "POST", "/h", null, PAYLOAD, List.of(current, previous), TIMESTAMP, MSG_ID);
        assertThat(signed.get("webhook-signature").split(" ")).hasSize(2);
        HttpFields.Builder fields = HttpFields.builder();
        signed.forEach(fields::add);
        HttpMessage m = new HttpMessage("POST", "/h", fields.build(), PAYLOAD);
        WebhookVerifier onlyOld = WebhookVerifier.builder()
                .profiles(List.of(Profile.STANDARD_WEBHOOKS))
                .secrets(List.of(previous))
                .clock(AT_TIMESTAMP)
                .build();
        assertThat(onlyOld.verify(m)).isEqualTo(new Verified("v1", "old", Profile.STANDARD_WEBHOOKS));
        WebhookVerifier healthieOnly = WebhookVerifier.builder()
                .secrets(List.of(previous))
                .clock(AT_TIMESTAMP)
                .build();
        assertThat(((Failed) healthieOnly.verify(m)).reason()).isEqualTo(Reason.MISSING_SIGNATURE);
        assertThat(Profile.byId("standard-webhooks")).contains(Profile.STANDARD_WEBHOOKS);
    }

    @Test
    void ids_with_a_dot_are_refused_when_signing() {
        assertThatThrownBy(() -> StandardWebhooks.sign(WebhookSecret.of(SECRET), "a.b", TIMESTAMP, PAYLOAD))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static HttpFields headers(String id, String ts, String sig) {
        return HttpFields.of("webhook-id", id, "webhook-timestamp", ts, "webhook-signature", sig);
    }

    private static VerificationResult verify(HttpFields h, byte[] body) {
        return StandardWebhooks.verify(
                h, body, List.of(WebhookSecret.of(SECRET)), AT_TIMESTAMP, StandardWebhooks.DEFAULT_TOLERANCE);
    }

    private static Reason reason(HttpFields h, String body) {
        byte[] b = body == null ? PAYLOAD : body.getBytes(StandardCharsets.UTF_8);
        return ((Failed) verify(h, b)).reason();
    }

    private static Clock shifted(long seconds) {
        return Clock.offset(AT_TIMESTAMP, Duration.ofSeconds(seconds));
    }
}
