package io.scribehook.signatures.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.signatures.Reason;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentDigestTest {
    static final byte[] HELLO = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);
    static final byte[] HELLO_NL = "{\"hello\": \"world\"}\n".getBytes(StandardCharsets.UTF_8);

    static Reason reason(DigestCheck c) {
        assertThat(c).isInstanceOf(DigestCheck.Invalid.class);
        return ((DigestCheck.Invalid) c).reason();
    }

    @Test
    void rfc_9530_examples() {
        // RFC 9530 appendix B: {"hello": "world"} followed by a newline
        assertThat(ContentDigest.create(HELLO_NL)).isEqualTo("sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:");
        assertThat(ContentDigest.create(HELLO_NL, DigestAlgorithm.SHA_512))
                .isEqualTo(
                        "sha-512=:YMAam51Jz/jOATT6/zvHrLVgOYTGFy1d6GJiOHTohq4yP+pgk4vf2aCsyRZOtw8MjkM7iw7yZ/WkppmM44T3qg==:");
        assertThat(ReprDigest.verify(
                        "sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:, sha-512=:YMAam51Jz/jOATT6/zvHrLVgOYTGFy1d6GJiOHTohq4yP+pgk4vf2aCsyRZOtw8MjkM7iw7yZ/WkppmM44T3qg==:",
                        HELLO_NL))
                .isEqualTo(new DigestCheck.Valid(DigestAlgorithm.SHA_512));
        // RFC 9421 appendix B.2 request body, no newline
        assertThat(ContentDigest.create(HELLO, DigestAlgorithm.SHA_512))
                .isEqualTo(
                        "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:");
        assertThat(ContentDigest.create(new byte[0]))
                .isEqualTo("sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:");
        assertThat(ContentDigest.create(HELLO, DigestAlgorithm.SHA_256, DigestAlgorithm.SHA_512))
                .startsWith("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:, sha-512=:");
    }

    @Test
    void several_algorithms_must_all_match_and_unknown_ones_are_ignored() {
        String both = ContentDigest.create(HELLO, DigestAlgorithm.SHA_256, DigestAlgorithm.SHA_512);
        assertThat(ContentDigest.verify(both, HELLO).isValid()).isTrue();
        assertThat(ContentDigest.verify("unixsum=:AAAA:, " + ContentDigest.create(HELLO), HELLO))
                .isEqualTo(new DigestCheck.Valid(DigestAlgorithm.SHA_256));
        String oneWrong = ContentDigest.create(HELLO) + ", " + ContentDigest.create(HELLO_NL, DigestAlgorithm.SHA_512);
        assertThat(reason(ContentDigest.verify(oneWrong, HELLO))).isEqualTo(Reason.DIGEST_MISMATCH);
        assertThat(ContentDigest.verify(
                        ContentDigest.create(HELLO, DigestAlgorithm.SHA_512),
                        HELLO,
                        EnumSet.of(DigestAlgorithm.SHA_256)))
                .isInstanceOf(DigestCheck.Invalid.class);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "NULL|MISSING_CONTENT_DIGEST",
                "''|MALFORMED_CONTENT_DIGEST",
                "sha-256|MALFORMED_CONTENT_DIGEST",
                "sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=|MALFORMED_CONTENT_DIGEST",
                "SHA-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:|MALFORMED_CONTENT_DIGEST",
                "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=|MALFORMED_CONTENT_DIGEST",
                "sha-256=:AAAA:|MALFORMED_CONTENT_DIGEST",
                "sha-256=(:AAAA:)|MALFORMED_CONTENT_DIGEST",
                "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:,|MALFORMED_CONTENT_DIGEST",
                "md5=:AAAAAAAAAAAAAAAAAAAAAA==:|UNSUPPORTED_DIGEST_ALGORITHM",
                "sha=:AAAAAAAAAAAAAAAAAAAAAAAAAAA=:, crc32c=:AAAAAA==:|UNSUPPORTED_DIGEST_ALGORITHM",
                "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:|DIGEST_MISMATCH",
            })
    void failures_are_specific(String header, Reason expected) {
        assertThat(reason(ContentDigest.verify(header, HELLO))).isEqualTo(expected);
    }

    @Test
    void unpadded_base64_is_accepted_as_rfc_8941_asks() {
        assertThat(ContentDigest.verify("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE:", HELLO)
                        .isValid())
                .isTrue();
    }

    @Test
    void legacy_form() {
        String legacy = ContentDigest.createLegacy(HELLO);
        assertThat(legacy).isEqualTo("SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=");
        assertThat(ContentDigest.verifyLegacy(legacy, HELLO).isValid()).isTrue();
        assertThat(ContentDigest.verifyLegacy("sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=", HELLO)
                        .isValid())
                .isTrue();
        assertThat(ContentDigest.verifyLegacy("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:", HELLO)
                        .isValid())
                .isTrue();
        assertThat(reason(ContentDigest.verifyLegacy("SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE", HELLO)))
                .isEqualTo(Reason.MALFORMED_CONTENT_DIGEST);
        assertThat(reason(ContentDigest.verifyLegacy("MD5=AAAAAAAAAAAAAAAAAAAAAA==", HELLO)))
                .isEqualTo(Reason.UNSUPPORTED_DIGEST_ALGORITHM);
        assertThat(reason(ContentDigest.verifyLegacy("SHA-256=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", HELLO)))
                .isEqualTo(Reason.DIGEST_MISMATCH);
        assertThat(reason(ContentDigest.verifyLegacy("=abc", HELLO))).isEqualTo(Reason.MALFORMED_CONTENT_DIGEST);
        assertThat(reason(ContentDigest.verifyLegacy(null, HELLO))).isEqualTo(Reason.MISSING_CONTENT_DIGEST);
        // the RFC 9530 form is not the legacy form and vice versa
        assertThat(reason(ContentDigest.verify(legacy, HELLO))).isEqualTo(Reason.MALFORMED_CONTENT_DIGEST);
    }
}
