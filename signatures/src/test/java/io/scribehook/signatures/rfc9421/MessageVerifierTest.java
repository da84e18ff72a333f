package io.scribehook.signatures.rfc9421;

import static io.scribehook.signatures.rfc9421.Rfc9421Examples.CREATED;
import static io.scribehook.signatures.rfc9421.Rfc9421Examples.clockAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scribehook.signatures.HttpMessage;
import io.scribehook.signatures.Reason;
import io.scribehook.signatures.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Negative cases of the generic verifier: each yields its specific reason. */
class MessageVerifierTest {
    static final byte[] SECRET = "a shared secret of some length".getBytes(StandardCharsets.UTF_8);
    static final SigningKey HMAC = SigningKey.hmac("k1", SECRET);
    static final SigningKey ED = SigningKey.of("ed", PemKeys.privateKey(Rfc9421Examples.ED25519_PRIVATE));
    static final KeySet KEYS = KeySet.of(
            VerificationKey.hmac("k1", SECRET),
            VerificationKey.of("ed", PemKeys.publicKey(Rfc9421Examples.ED25519_PUBLIC)));
    static final ComponentId[] COVERED = {
        ComponentId.METHOD,
        ComponentId.AUTHORITY,
        ComponentId.PATH,
        ComponentId.QUERY,
        ComponentId.of("content-digest"),
        ComponentId.of("content-type"),
        ComponentId.of("content-length")
    };

    static VerificationPolicy.Builder policy() {
        return VerificationPolicy.builder().requireComponents(COVERED).clock(clockAt(CREATED + 10));
    }

    static HttpMessage sign(SigningKey key, UnaryOperator<SignatureParameters.Builder> params) throws Exception {
        HttpMessage m = Rfc9421Examples.request();
        SignatureParameters p = params.apply(SignatureParameters.builder()
                        .components(COVERED)
                        .created(CREATED)
                        .keyid(key.keyId()))
                .build();
        return m.withHeaders(MessageSigner.sign(m, "sig1", p, key).addTo(m.headers()));
    }

    static HttpMessage signed() throws Exception {
        return sign(HMAC, b -> b);
    }

    static Reason reason(VerificationResult r) {
        assertThat(r).isInstanceOf(VerificationResult.Failed.class);
        VerificationResult.Failed f = (VerificationResult.Failed) r;
        assertThat(f.message()).doesNotContain(new String(SECRET, StandardCharsets.UTF_8));
        return f.reason();
    }

    static Reason verify(HttpMessage m) {
        return reason(new MessageVerifier(KEYS, policy().build()).verify(m));
    }

    static HttpMessage replace(HttpMessage m, String name, String value) {
        return m.withHeaders(m.headers().toBuilder().set(name, value).build());
    }

    @Test
    void verifies_hmac_and_ed25519() throws Exception {
        MessageVerifier v = new MessageVerifier(KEYS, policy().build());
        assertThat(v.verify(signed())).isEqualTo(new VerificationResult.Verified("sig1", "k1", null));
        assertThat(v.verify(sign(ED, b -> b))).isEqualTo(new VerificationResult.Verified("sig1", "ed", null));
    }

    @Test
    void wrong_key() throws Exception {
        HttpMessage m = sign(SigningKey.hmac("k1", "another secret".getBytes(StandardCharsets.UTF_8)), b -> b);
        assertThat(verify(m)).isEqualTo(Reason.SIGNATURE_INVALID);
    }

    @ParameterizedTest
    @CsvSource({"Content-Type,text/plain", "Content-Length,19", "Host,example.org"})
    void any_covered_header_changed(String name, String value) throws Exception {
        assertThat(verify(replace(signed(), name, value))).isEqualTo(Reason.SIGNATURE_INVALID);
    }

    @Test
    void method_path_or_query_changed() throws Exception {
        HttpMessage m = signed();
        assertThat(verify(new HttpMessage("PUT", m.targetUri(), m.headers(), m.body())))
                .isEqualTo(Reason.SIGNATURE_INVALID);
        assertThat(verify(m.withTargetUri("/fo?param=Value&Pet=dog"))).isEqualTo(Reason.SIGNATURE_INVALID);
        assertThat(verify(m.withTargetUri("/foo?param=Value&Pet=cat"))).isEqualTo(Reason.SIGNATURE_INVALID);
    }

    @Test
    void body_changed_is_a_digest_mismatch() throws Exception {
        assertThat(verify(signed().withBody("{\"hello\": \"World\"}".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(Reason.DIGEST_MISMATCH);
    }

    @Test
    void digest_header_changed() throws Exception {
        assertThat(verify(
                        replace(signed(), "Content-Digest", "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:")))
                .isEqualTo(Reason.SIGNATURE_INVALID);
        assertThat(verify(replace(signed(), "Content-Digest", "md5=:AAAA:")))
                .isEqualTo(Reason.UNSUPPORTED_DIGEST_ALGORITHM);
        assertThat(verify(replace(signed(), "Content-Digest", "sha-512=abc")))
                .isEqualTo(Reason.MALFORMED_CONTENT_DIGEST);
        HttpMessage m = signed();
        assertThat(verify(m.withHeaders(
                        m.headers().toBuilder().remove("Content-Digest").build())))
                .isEqualTo(Reason.MISSING_CONTENT_DIGEST);
    }

    @Test
    void time_checks() throws Exception {
        HttpMessage m = signed();
        assertThat(reason(new MessageVerifier(
                                KEYS,
                                policy().clock(clockAt(CREATED + 300 + 31)).build())
                        .verify(m)))
                .isEqualTo(Reason.CREATED_TOO_OLD);
        assertThat(new MessageVerifier(
                                KEYS, policy().clock(clockAt(CREATED + 330)).build())
                        .verify(m)
                        .isVerified())
                .isTrue();
        assertThat(reason(new MessageVerifier(
                                KEYS, policy().clock(clockAt(CREATED - 31)).build())
                        .verify(m)))
                .isEqualTo(Reason.CREATED_IN_FUTURE);
        assertThat(new MessageVerifier(
                                KEYS, policy().clock(clockAt(CREATED - 30)).build())
                        .verify(m)
                        .isVerified())
                .isTrue();
        HttpMessage expiring = sign(HMAC, b -> b.expires(CREATED + 60));
        assertThat(reason(new MessageVerifier(
                                KEYS,
                                policy().clockSkew(Duration.ZERO)
                                        .clock(clockAt(CREATED + 61))
                                        .build())
                        .verify(expiring)))
                .isEqualTo(Reason.SIGNATURE_EXPIRED);
        assertThat(new MessageVerifier(
                                KEYS,
                                policy().clockSkew(Duration.ZERO)
                                        .clock(clockAt(CREATED + 60))
                                        .build())
                        .verify(expiring)
                        .isVerified())
                .isTrue();
    }

    @Test
    void required_parameters_and_tag() throws Exception {
        HttpMessage noCreated = sign(
                HMAC, b -> SignatureParameters.builder().components(COVERED).keyid("k1"));
        assertThat(verify(noCreated)).isEqualTo(Reason.MISSING_REQUIRED_PARAMETER);
        MessageVerifier tagged =
                new MessageVerifier(KEYS, policy().requireTag("app").build());
        assertThat(reason(tagged.verify(signed()))).isEqualTo(Reason.MISSING_REQUIRED_PARAMETER);
        assertThat(reason(tagged.verify(sign(HMAC, b -> b.tag("other"))))).isEqualTo(Reason.TAG_MISMATCH);
        assertThat(tagged.verify(sign(HMAC, b -> b.tag("app"))).isVerified()).isTrue();
        MessageVerifier keyidRequired = new MessageVerifier(
                KEYS, policy().requireParameters("created", "keyid").build());
        assertThat(reason(keyidRequired.verify(sign(
                        HMAC,
                        b -> SignatureParameters.builder().components(COVERED).created(CREATED)))))
                .isEqualTo(Reason.MISSING_REQUIRED_PARAMETER);
    }

    @Test
    void missing_required_component() throws Exception {
        HttpMessage m = sign(
                HMAC,
                b -> SignatureParameters.builder()
                        .components(ComponentId.METHOD, ComponentId.PATH)
                        .created(CREATED)
                        .keyid("k1"));
        assertThat(verify(m)).isEqualTo(Reason.COMPONENT_MISSING);
    }

    @Test
    void duplicate_component() throws Exception {
        HttpMessage m = signed();
        String input = m.headers().combined("signature-input").replace("(\"@method\"", "(\"@method\" \"@method\"");
        assertThat(verify(replace(m, "Signature-Input", input))).isEqualTo(Reason.DUPLICATE_COMPONENT);
        assertThatThrownBy(() -> sign(HMAC, b -> b.component(ComponentId.METHOD)))
                .isInstanceOfSatisfying(
                        HttpSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_COMPONENT));
        String reordered = m.headers()
                .combined("signature-input")
                .replace("(\"@method\"", "(\"content-type\";sf;bs \"content-type\";bs;sf \"@method\"");
        assertThat(verify(replace(m, "Signature-Input", reordered))).isEqualTo(Reason.DUPLICATE_COMPONENT);
    }

    @Test
    void covered_component_absent_from_message() throws Exception {
        HttpMessage base = Rfc9421Examples.request("X-Extra", "1");
        SignatureParameters p = SignatureParameters.builder()
                .components(COVERED)
                .component(ComponentId.field("x-extra"))
                .created(CREATED)
                .keyid("k1")
                .build();
        HttpMessage m =
                base.withHeaders(MessageSigner.sign(base, "sig1", p, HMAC).addTo(base.headers()));
        assertThat(new MessageVerifier(KEYS, policy().build()).verify(m).isVerified())
                .isTrue();
        assertThat(verify(
                        m.withHeaders(m.headers().toBuilder().remove("X-Extra").build())))
                .isEqualTo(Reason.COMPONENT_MISSING);
        assertThatThrownBy(() -> sign(HMAC, b -> b.component(ComponentId.field("x-extra"))))
                .isInstanceOfSatisfying(
                        HttpSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.COMPONENT_MISSING));
    }

    @Test
    void unknown_algorithm_and_algorithm_confusion() throws Exception {
        HttpMessage m = signed();
        String input = m.headers().combined("signature-input");
        assertThat(verify(replace(m, "Signature-Input", input + ";alg=\"hmac-sha1\"")))
                .isEqualTo(Reason.UNKNOWN_ALGORITHM);
        assertThat(verify(replace(m, "Signature-Input", input + ";alg=\"ed25519\"")))
                .isEqualTo(Reason.ALGORITHM_MISMATCH);
        assertThatThrownBy(() -> sign(HMAC, b -> b.alg(SignatureAlgorithm.ED25519)))
                .isInstanceOfSatisfying(
                        HttpSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ALGORITHM_MISMATCH));
        // an HMAC over the base made with the ed25519 public key's bytes must not pass as ed25519
        HttpMessage edSigned = sign(ED, b -> b);
        MessageVerifier onlyEd = new MessageVerifier(
                KEYS, policy().allowAlgorithms(SignatureAlgorithm.ED25519).build());
        assertThat(reason(onlyEd.verify(signed()))).isEqualTo(Reason.ALGORITHM_MISMATCH);
        assertThat(onlyEd.verify(edSigned).isVerified()).isTrue();
        assertThat(reason(onlyEd.verify(replace(m, "Signature-Input", input + ";alg=\"hmac-sha256\""))))
                .isEqualTo(Reason.UNKNOWN_ALGORITHM);
    }

    @Test
    void unknown_key_and_fallback() throws Exception {
        HttpMessage m = sign(SigningKey.hmac("rotated-away", SECRET), b -> b);
        assertThat(verify(m)).isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(new MessageVerifier(KEYS, policy().keyIdFallback(true).build()).verify(m))
                .isEqualTo(new VerificationResult.Verified("sig1", "k1", null));
    }

    @Test
    void labels() throws Exception {
        HttpMessage m = signed();
        assertThat(reason(new MessageVerifier(KEYS, policy().label("sig2").build()).verify(m)))
                .isEqualTo(Reason.LABEL_NOT_FOUND);
        assertThat(verify(replace(
                        m, "Signature", m.headers().combined("signature").replace("sig1=", "sig9="))))
                .isEqualTo(Reason.LABEL_NOT_FOUND);
        HttpMessage none =
                m.withHeaders(m.headers().toBuilder().remove("Signature").build());
        assertThat(verify(none)).isEqualTo(Reason.MISSING_SIGNATURE);
        HttpMessage noInput =
                m.withHeaders(m.headers().toBuilder().remove("Signature-Input").build());
        assertThat(verify(noInput)).isEqualTo(Reason.MALFORMED_SIGNATURE_INPUT);
    }

    @Test
    void several_signatures_first_valid_wins_and_failures_are_ranked() throws Exception {
        HttpMessage m = signed();
        HttpMessage both = m.withHeaders(m.headers().toBuilder()
                .add("Signature-Input", "bad=(\"@method\");created=1")
                .add("Signature", "bad=:AAAA:")
                .build());
        assertThat(new MessageVerifier(KEYS, policy().build()).verify(both).isVerified())
                .isTrue();
        HttpMessage tampered = replace(both, "Content-Type", "text/plain");
        assertThat(verify(tampered)).isEqualTo(Reason.SIGNATURE_INVALID);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "sig1=|MALFORMED_SIGNATURE_INPUT",
                "sig1=(\"@method\"|MALFORMED_SIGNATURE_INPUT",
                "sig1=\"@method\"|MALFORMED_SIGNATURE_INPUT",
                "sig1=(@method)|MALFORMED_SIGNATURE_INPUT",
                "sig1=(\"@method\" 1);created=1618884473|MALFORMED_SIGNATURE_INPUT",
                "sig1=(\"@Method\");created=1618884473|MALFORMED_SIGNATURE_INPUT",
                "sig1=(\"Content-Type\");created=1618884473|MALFORMED_SIGNATURE_INPUT",
                "sig1=(\"@signature-params\");created=1618884473|MALFORMED_SIGNATURE_INPUT",
                "sig1=(\"@method\";foo);created=1618884473|MALFORMED_SIGNATURE_INPUT",
                "sig1=(\"@method\";sf=?0);created=1618884473|MALFORMED_SIGNATURE_INPUT",
                "sig1=(\"x\";key=1);created=1618884473|MALFORMED_SIGNATURE_INPUT",
                "sig1=(\"@method\");created=\"1618884473\"|MALFORMED_SIGNATURE_INPUT",
                "sig1=(\"@method\");created=1618884473.5|MALFORMED_SIGNATURE_INPUT",
                "sig1=(\"@method\");created=-5|MALFORMED_SIGNATURE_INPUT",
                "sig1=(\"@method\");created=1618884473;keyid=k1|MALFORMED_SIGNATURE_INPUT",
                "sig1=(\"@method\");created=1618884473;alg=hmac-sha256|MALFORMED_SIGNATURE_INPUT",
                "sig1=(\"@method\");created=1618884473;expires=?1|MALFORMED_SIGNATURE_INPUT",
                "sig1=(\"\");created=1618884473|MALFORMED_SIGNATURE_INPUT",
                "sig1=(\"@\");created=1618884473|MALFORMED_SIGNATURE_INPUT",
                "Sig1=(\"@method\")|MALFORMED_SIGNATURE_INPUT",
                "sig1=(\"@method\"),|MALFORMED_SIGNATURE_INPUT",
            })
    void malformed_signature_input(String input, Reason expected) throws Exception {
        assertThat(verify(replace(signed(), "Signature-Input", input))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "sig1=|MALFORMED_SIGNATURE",
                "sig1=:abc|MALFORMED_SIGNATURE",
                "sig1=:a$c=:|MALFORMED_SIGNATURE",
                "sig1=:A===:|MALFORMED_SIGNATURE",
                "sig1=abc|MALFORMED_SIGNATURE",
                "sig1=(:AAAA:)|MALFORMED_SIGNATURE",
                "sig1=:AAAA:;x=\"|MALFORMED_SIGNATURE",
                "sig1=:AAAA:|SIGNATURE_INVALID",
                "sig1=::|SIGNATURE_INVALID",
            })
    void malformed_signature(String signature, Reason expected) throws Exception {
        assertThat(verify(replace(signed(), "Signature", signature))).isEqualTo(expected);
    }

    @Test
    void responses_can_be_signed_and_verified() throws Exception {
        var response = Rfc9421Examples.response();
        HttpMessage request = Rfc9421Examples.request();
        SignatureParameters p = SignatureParameters.builder()
                .components(
                        ComponentId.STATUS,
                        ComponentId.of("content-digest"),
                        ComponentId.METHOD.req(),
                        ComponentId.of("content-digest").req())
                .created(CREATED)
                .keyid("ed")
                .build();
        SignatureResult r = MessageSigner.sign(response, request, "res", p, ED);
        var signed = response.withHeaders(r.addTo(response.headers()));
        MessageVerifier v = new MessageVerifier(
                KEYS, VerificationPolicy.builder().clock(clockAt(CREATED)).build());
        assertThat(v.verify(signed, request).isVerified()).isTrue();
        HttpMessage otherBody = request.withBody("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(reason(v.verify(signed, otherBody))).isEqualTo(Reason.DIGEST_MISMATCH);
        HttpMessage otherMethod = new HttpMessage("PUT", request.targetUri(), request.headers(), request.body());
        assertThat(reason(v.verify(signed, otherMethod))).isEqualTo(Reason.SIGNATURE_INVALID);
    }

    @Test
    void multiple_header_lines_are_combined() throws Exception {
        HttpMessage m = signed();
        HttpMessage twoLines = m.withHeaders(m.headers().toBuilder()
                .add("Signature-Input", "other=(\"@method\");created=1618884473")
                .add("Signature", "other=:AAAA:")
                .build());
        assertThat(twoLines.headers().all("signature")).hasSize(2);
        assertThat(new MessageVerifier(KEYS, policy().build()).verify(twoLines).isVerified())
                .isTrue();
    }
}
