package io.scribehook.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.signatures.VerificationResult.Failed;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Vectors computed with Python's hmac module (see WebhookProfilesTest for the method). */
class ZoomSignatureTest {
    static final String SECRET = "zoom_secret_token";
    static final byte[] BODY =
            "{\"event\":\"meeting.participant_joined\",\"event_ts\":1700000000000}".getBytes(StandardCharsets.UTF_8);
    static final String SIGNATURE = "v0=0ab73647138af8ef2c9c2e0dc754919ea9ca8c3251da4fa96249174a234c629b";
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_100L), ZoneOffset.UTC);
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void signs_and_verifies_the_known_vector() {
        assertThat(ZoomSignature.sign(SECRET, "1700000000", BODY)).isEqualTo(SIGNATURE);
        assertThat(ZoomSignature.verify(SECRET, SIGNATURE, "1700000000", BODY, CLOCK, TOLERANCE))
                .isEqualTo(new VerificationResult.Verified("v0", null, null));
        assertThat(ZoomSignature.verify(
                                SECRET,
                                SIGNATURE.toUpperCase().replace("V0=", "v0="),
                                "1700000000",
                                BODY,
                                CLOCK,
                                TOLERANCE)
                        .isVerified())
                .isTrue();
    }

    @Test
    void url_validation_token() {
        assertThat(ZoomSignature.encryptedToken(SECRET, "qgg8vlvZRS6UYooatFL8Aw"))
                .isEqualTo("bd48235863f4a6323ccc4963c594908b7c97f88b4a6a95278f4f093690b12726");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "NULL|1700000000|MISSING_SIGNATURE",
                "v1=0ab73647138af8ef2c9c2e0dc754919ea9ca8c3251da4fa96249174a234c629b|1700000000|MALFORMED_SIGNATURE",
                "v0=0ab7|1700000000|MALFORMED_SIGNATURE",
                "v0=0ab73647138af8ef2c9c2e0dc754919ea9ca8c3251da4fa96249174a234c629b|NULL|MISSING_REQUIRED_PARAMETER",
                "v0=0ab73647138af8ef2c9c2e0dc754919ea9ca8c3251da4fa96249174a234c629b|17e8|MISSING_REQUIRED_PARAMETER",
                "v0=0ab73647138af8ef2c9c2e0dc754919ea9ca8c3251da4fa96249174a234c629b|1699999000|CREATED_TOO_OLD",
                "v0=0ab73647138af8ef2c9c2e0dc754919ea9ca8c3251da4fa96249174a234c629b|1700001000|CREATED_IN_FUTURE",
                "v0=1ab73647138af8ef2c9c2e0dc754919ea9ca8c3251da4fa96249174a234c629b|1700000000|SIGNATURE_INVALID",
                "v0=0ab73647138af8ef2c9c2e0dc754919ea9ca8c3251da4fa96249174a234c629b|1700000001|SIGNATURE_INVALID",
            })
    void failures(String signature, String timestamp, Reason expected) {
        VerificationResult r = ZoomSignature.verify(SECRET, signature, timestamp, BODY, CLOCK, TOLERANCE);
        assertThat(r).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(expected);
            assertThat(f.message()).doesNotContain(SECRET);
        });
    }

    @Test
    void body_change_fails_and_millisecond_timestamps_are_read() {
        assertThat(ZoomSignature.verify(
                                SECRET,
                                SIGNATURE,
                                "1700000000",
                                "{}".getBytes(StandardCharsets.UTF_8),
                                CLOCK,
                                TOLERANCE)
                        .isVerified())
                .isFalse();
        String ms = ZoomSignature.sign(SECRET, "1700000000123", BODY);
        assertThat(ZoomSignature.verify(SECRET, ms, "1700000000123", BODY, CLOCK, TOLERANCE)
                        .isVerified())
                .isTrue();
    }
}
