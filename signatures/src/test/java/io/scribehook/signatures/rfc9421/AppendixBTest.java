package io.scribehook.signatures.rfc9421;

import static io.scribehook.signatures.rfc9421.Rfc9421Examples.CREATED;
import static io.scribehook.signatures.rfc9421.Rfc9421Examples.clockAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.signatures.HttpFields;
import io.scribehook.signatures.HttpMessage;
import io.scribehook.signatures.HttpResponseMessage;
import io.scribehook.signatures.Reason;
import io.scribehook.signatures.VerificationResult;
import io.scribehook.signatures.sf.StructuredFields;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** RFC 9421 appendix B (and the section 2.4, 4.3 and B.4 examples) with the appendix B.1 keys. */
class AppendixBTest {
    static final VerificationKey RSA_PSS = VerificationKey.of(
            "test-key-rsa-pss", SignatureAlgorithm.RSA_PSS_SHA512, PemKeys.publicKey(Rfc9421Examples.RSA_PSS_PUBLIC));
    static final VerificationKey RSA = VerificationKey.of(
            "test-key-rsa", SignatureAlgorithm.RSA_V1_5_SHA256, PemKeys.publicKey(Rfc9421Examples.RSA_PUBLIC));
    static final VerificationKey ECC =
            VerificationKey.of("test-key-ecc-p256", PemKeys.publicKey(Rfc9421Examples.ECC_P256_PUBLIC));
    static final VerificationKey ED =
            VerificationKey.of("test-key-ed25519", PemKeys.publicKey(Rfc9421Examples.ED25519_PUBLIC));
    static final VerificationKey HMAC = VerificationKey.hmac("test-shared-secret", Rfc9421Examples.SHARED_SECRET);
    static final KeySet KEYS = KeySet.of(RSA_PSS, RSA, ECC, ED, HMAC);

    static MessageVerifier verifier(String label, long now) {
        return new MessageVerifier(
                KEYS,
                VerificationPolicy.builder()
                        .label(label)
                        .maxAge(null)
                        .clock(clockAt(now))
                        .build());
    }

    static HttpMessage signed(String input, String signature) {
        return Rfc9421Examples.request("Signature-Input", input, "Signature", signature);
    }

    static SignatureParameters params(String member) throws Exception {
        return SignatureParameters.parse(
                (io.scribehook.signatures.sf.InnerList) StructuredFields.parseDictionary(member)
                        .asMap()
                        .values()
                        .iterator()
                        .next());
    }

    @Test
    void b21_minimal_rsa_pss() throws Exception {
        String input = "sig-b21=();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"";
        assertThat(SignatureBase.create(MessageContext.of(Rfc9421Examples.request()), params(input)))
                .isEqualTo(
                        "\"@signature-params\": ();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"");
        String sig =
                "sig-b21=:d2pmTvmbncD3xQm8E9ZV2828BjQWGgiwAaw5bAkgibUopemLJcWDy/lkbbHAve4cRAtx31Iq786U7it++wgGxbtRxf8Udx7zFZsckzXaJMkA7ChG52eSkFxykJeNqsrWH5S+oxNFlD4dzVuwe8DhTSja8xxbR/Z2cOGdCbzR72rgFWhzx2VjBqJzsPLMIQKhO4DGezXehhWwE56YCE+O6c0mKZsfxVrogUvA4HELjVKWmAvtl6UnCh8jYzuVG5WSb/QEVPnP5TmcAnLH1g+s++v6d4s8m0gCw1fV5/SITLq9mhho8K3+7EPYTU8IU1bLhdxO5Nyt8C8ssinQ98Xw9Q==:";
        assertThat(verifier("sig-b21", CREATED).verify(signed(input, sig)))
                .isEqualTo(new VerificationResult.Verified("sig-b21", "test-key-rsa-pss", null));
    }

    @Test
    void b22_selective_components_rsa_pss() throws Exception {
        String input =
                "sig-b22=(\"@authority\" \"content-digest\" \"@query-param\";name=\"Pet\");created=1618884473;keyid=\"test-key-rsa-pss\";tag=\"header-example\"";
        assertThat(SignatureBase.create(MessageContext.of(Rfc9421Examples.request()), params(input)))
                .isEqualTo(
                        String.join(
                                "\n",
                                "\"@authority\": example.com",
                                "\"content-digest\": " + Rfc9421Examples.REQUEST_DIGEST,
                                "\"@query-param\";name=\"Pet\": dog",
                                "\"@signature-params\": (\"@authority\" \"content-digest\" \"@query-param\";name=\"Pet\");created=1618884473;keyid=\"test-key-rsa-pss\";tag=\"header-example\""));
        String sig =
                "sig-b22=:LjbtqUbfmvjj5C5kr1Ugj4PmLYvx9wVjZvD9GsTT4F7GrcQEdJzgI9qHxICagShLRiLMlAJjtq6N4CDfKtjvuJyE5qH7KT8UCMkSowOB4+ECxCmT8rtAmj/0PIXxi0A0nxKyB09RNrCQibbUjsLS/2YyFYXEu4TRJQzRw1rLEuEfY17SARYhpTlaqwZVtR8NV7+4UKkjqpcAoFqWFQh62s7Cl+H2fjBSpqfZUJcsIk4N6wiKYd4je2U/lankenQ99PZfB4jY3I5rSV2DSBVkSFsURIjYErOs0tFTQosMTAoxk//0RoKUqiYY8Bh0aaUEb0rQl3/XaVe4bXTugEjHSw==:";
        assertThat(verifier("sig-b22", CREATED).verify(signed(input, sig)).isVerified())
                .isTrue();
    }

    @Test
    void b23_full_coverage_rsa_pss() throws Exception {
        String input =
                "sig-b23=(\"date\" \"@method\" \"@path\" \"@query\" \"@authority\" \"content-type\" \"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-rsa-pss\"";
        assertThat(SignatureBase.create(MessageContext.of(Rfc9421Examples.request()), params(input)))
                .isEqualTo(
                        String.join(
                                "\n",
                                "\"date\": Tue, 20 Apr 2021 02:07:55 GMT",
                                "\"@method\": POST",
                                "\"@path\": /foo",
                                "\"@query\": ?param=Value&Pet=dog",
                                "\"@authority\": example.com",
                                "\"content-type\": application/json",
                                "\"content-digest\": " + Rfc9421Examples.REQUEST_DIGEST,
                                "\"content-length\": 18",
                                "\"@signature-params\": (\"date\" \"@method\" \"@path\" \"@query\" \"@authority\" \"content-type\" \"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-rsa-pss\""));
        String sig =
                "sig-b23=:bbN8oArOxYoyylQQUU6QYwrTuaxLwjAC9fbY2F6SVWvh0yBiMIRGOnMYwZ/5MR6fb0Kh1rIRASVxFkeGt683+qRpRRU5p2voTp768ZrCUb38K0fUxN0O0iC59DzYx8DFll5GmydPxSmme9v6ULbMFkl+V5B1TP/yPViV7KsLNmvKiLJH1pFkh/aYA2HXXZzNBXmIkoQoLd7YfW91kE9o/CCoC1xMy7JA1ipwvKvfrs65ldmlu9bpG6A9BmzhuzF8Eim5f8ui9eH8LZH896+QIF61ka39VBrohr9iyMUJpvRX2Zbhl5ZJzSRxpJyoEZAFL2FUo5fTIztsDZKEgM4cUA==:";
        assertThat(verifier("sig-b23", CREATED).verify(signed(input, sig)).isVerified())
                .isTrue();
    }

    @Test
    void b24_response_ecdsa_p256() throws Exception {
        String input =
                "sig-b24=(\"@status\" \"content-type\" \"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-ecc-p256\"";
        String sig =
                "sig-b24=:wNmSUAhwb5LxtOtOpNa6W5xj067m5hFrj0XQ4fvpaCLx0NKocgPquLgyahnzDnDAUy5eCdlYUEkLIj+32oiasw==:";
        HttpResponseMessage response = Rfc9421Examples.response("Signature-Input", input, "Signature", sig);
        assertThat(SignatureBase.create(MessageContext.of(response, null), params(input)))
                .isEqualTo(
                        String.join(
                                "\n",
                                "\"@status\": 200",
                                "\"content-type\": application/json",
                                "\"content-digest\": " + Rfc9421Examples.RESPONSE_DIGEST,
                                "\"content-length\": 23",
                                "\"@signature-params\": (\"@status\" \"content-type\" \"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-ecc-p256\""));
        assertThat(verifier("sig-b24", CREATED).verify(response, null))
                .isEqualTo(new VerificationResult.Verified("sig-b24", "test-key-ecc-p256", null));
    }

    @Test
    void b25_hmac_sha256_byte_for_byte() throws Exception {
        String input =
                "sig-b25=(\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"";
        String base = String.join(
                "\n",
                "\"date\": Tue, 20 Apr 2021 02:07:55 GMT",
                "\"@authority\": example.com",
                "\"content-type\": application/json",
                "\"@signature-params\": (\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"");
        SignatureParameters p = SignatureParameters.builder()
                .components(ComponentId.of("date"), ComponentId.AUTHORITY, ComponentId.of("content-type"))
                .created(CREATED)
                .keyid("test-shared-secret")
                .build();
        SignatureResult r = MessageSigner.sign(
                Rfc9421Examples.request(),
                "sig-b25",
                p,
                SigningKey.hmac("test-shared-secret", Rfc9421Examples.SHARED_SECRET));
        assertThat(r.signatureBase()).isEqualTo(base);
        assertThat(r.signatureInputMember()).isEqualTo(input);
        assertThat(r.signatureMember()).isEqualTo("sig-b25=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:");
        assertThat(verifier("sig-b25", CREATED)
                        .verify(signed(input, r.signatureMember()))
                        .isVerified())
                .isTrue();
    }

    @Test
    void b26_ed25519_byte_for_byte() throws Exception {
        String input =
                "sig-b26=(\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" \"content-length\");created=1618884473;keyid=\"test-key-ed25519\"";
        String base = String.join(
                "\n",
                "\"date\": Tue, 20 Apr 2021 02:07:55 GMT",
                "\"@method\": POST",
                "\"@path\": /foo",
                "\"@authority\": example.com",
                "\"content-type\": application/json",
                "\"content-length\": 18",
                "\"@signature-params\": (\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" \"content-length\");created=1618884473;keyid=\"test-key-ed25519\"");
        SignatureParameters p = SignatureParameters.builder()
                .components(
                        ComponentId.of("date"),
                        ComponentId.METHOD,
                        ComponentId.PATH,
                        ComponentId.AUTHORITY,
                        ComponentId.of("content-type"),
                        ComponentId.of("content-length"))
                .created(CREATED)
                .keyid("test-key-ed25519")
                .build();
        SigningKey key = SigningKey.of("test-key-ed25519", PemKeys.privateKey(Rfc9421Examples.ED25519_PRIVATE));
        SignatureResult r = MessageSigner.sign(Rfc9421Examples.request(), "sig-b26", p, key);
        assertThat(r.signatureBase()).isEqualTo(base);
        assertThat(r.signatureInputMember()).isEqualTo(input);
        assertThat(r.signatureMember())
                .isEqualTo(
                        "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:");
        assertThat(verifier("sig-b26", CREATED)
                        .verify(signed(input, r.signatureMember()))
                        .isVerified())
                .isTrue();
    }

    @Test
    void a_signature_over_a_base_with_a_trailing_newline_fails() throws Exception {
        String input =
                "sig-b25=(\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"";
        String base = SignatureBase.create(MessageContext.of(Rfc9421Examples.request()), params(input));
        assertThat(base).doesNotEndWith("\n");
        byte[] withNewline = (base + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] mac = SigningKey.hmac("test-shared-secret", Rfc9421Examples.SHARED_SECRET)
                .sign(withNewline);
        VerificationResult r = verifier("sig-b25", CREATED)
                .verify(signed(input, "sig-b25=:" + Base64.getEncoder().encodeToString(mac) + ":"));
        assertThat(r)
                .isInstanceOfSatisfying(
                        VerificationResult.Failed.class,
                        f -> assertThat(f.reason()).isEqualTo(Reason.SIGNATURE_INVALID));
    }

    @Test
    void section_2_4_request_response_binding_ecdsa() {
        String reqSig =
                "sig1=:LAH8BjcfcOcLojiuOBFWn0P5keD3xAOuJRGziCLuD8r5MW9S0RoXXLzLSRfGY/3SF8kVIkHjE13SEFdTo4Af/fJ/Pu9wheqoLVdwXyY/UkBIS1M8Brc8IODsn5DFIrG0IrburbLi0uCc+E2ZIIb6HbUJ+o+jP58JelMTe0QE3IpWINTEzpxjqDf5/Df+InHCAkQCTuKsamjWXUpyOT1Wkxi7YPVNOjW4MfNuTZ9HdbD2Tr65+BXeTG9ZS/9SWuXAc+BZ8WyPz0QRz//ec3uWXd7bYYODSjRAxHqX+S1ag3LZElYyUKaAIjZ8MGOt4gXEwCSLDv/zqxZeWLj/PDkn6w==:";
        HttpMessage request = Rfc9421Examples.request(
                "Signature-Input",
                "sig1=(\"@method\" \"@authority\" \"@path\" \"content-digest\" \"content-length\" \"content-type\");created=1618884475;keyid=\"test-key-rsa-pss\"",
                "Signature",
                reqSig);
        HttpResponseMessage response = new HttpResponseMessage(
                503,
                HttpFields.of(
                        "Date", "Tue, 20 Apr 2021 02:07:56 GMT",
                        "Content-Type", "application/json",
                        "Content-Length", "62",
                        "Signature-Input",
                                "reqres=(\"@status\" \"content-length\" \"content-type\" \"signature\";req;key=\"sig1\" \"@authority\";req \"@method\";req);created=1618884479;keyid=\"test-key-ecc-p256\"",
                        "Signature",
                                "reqres=:mh17P4TbYYBmBwsXPT4nsyVzW4Rp9Fb8WcvnfqKCQLoMvzOBLD/n32tL/GPW6XE5GAS5bdsg1khK6lBzV1Cx/Q==:"),
                "{\"busy\": true, \"message\": \"Your call is very important to us\"}"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(verifier("reqres", 1618884479L).verify(response, request).isVerified())
                .isTrue();
        // without the related request the req components cannot be derived
        assertThat(verifier("reqres", 1618884479L).verify(response, null))
                .isInstanceOfSatisfying(
                        VerificationResult.Failed.class,
                        f -> assertThat(f.reason()).isEqualTo(Reason.COMPONENT_MISSING));
    }

    @Test
    void section_4_3_proxy_signature_rsa_v1_5() {
        String sig1 =
                "sig1=:LAH8BjcfcOcLojiuOBFWn0P5keD3xAOuJRGziCLuD8r5MW9S0RoXXLzLSRfGY/3SF8kVIkHjE13SEFdTo4Af/fJ/Pu9wheqoLVdwXyY/UkBIS1M8Brc8IODsn5DFIrG0IrburbLi0uCc+E2ZIIb6HbUJ+o+jP58JelMTe0QE3IpWINTEzpxjqDf5/Df+InHCAkQCTuKsamjWXUpyOT1Wkxi7YPVNOjW4MfNuTZ9HdbD2Tr65+BXeTG9ZS/9SWuXAc+BZ8WyPz0QRz//ec3uWXd7bYYODSjRAxHqX+S1ag3LZElYyUKaAIjZ8MGOt4gXEwCSLDv/zqxZeWLj/PDkn6w==:";
        HttpMessage proxied = new HttpMessage(
                "POST",
                "/foo?param=Value&Pet=dog",
                HttpFields.of(
                        "Host", "origin.host.internal.example",
                        "Date", "Tue, 20 Apr 2021 02:07:56 GMT",
                        "Content-Type", "application/json",
                        "Content-Digest", Rfc9421Examples.REQUEST_DIGEST,
                        "Content-Length", "18",
                        "Forwarded", "for=192.0.2.123",
                        "Signature-Input",
                                "sig1=(\"@method\" \"@authority\" \"@path\" \"content-digest\" \"content-length\" \"content-type\");created=1618884475;keyid=\"test-key-rsa-pss\", proxy_sig=(\"signature\";key=\"sig1\" \"forwarded\");created=1618884480;expires=1618884540;keyid=\"test-key-rsa\";alg=\"rsa-v1_5-sha256\"",
                        "Signature",
                                sig1
                                        + ", proxy_sig=:G1WLTL4/9PGSKEQbSAMypZNk+I2dpLJ6qvl2JISahlP31OO/QEUd8/HdO2O7vYLi5k3JIiAK3UPK4U+kvJZyIUidsiXlzRI+Y2se3SGo0D8dLfhG95bKr6ukYXl60QHpsGRTfSiwdtvYKXGpKNrMlISJYd+oGrGRyI9gbCy0aFhc6I/okIMLeK4g9PgzpC3YTwhUQ98KIBNLWHgREfBgJxjPbxFlsgJ9ykPviLj8GKJ81HwsK3XM9P7WaS7fMGOt8h1kSqgkZQB9YqiIo+WhHvJa7iPy8QrYFKzx9BBEY6AwfStZAsXXz3LobZseyxsYcLJLs8rY0wVA9NPsxKrHGA==:"),
                "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier("proxy_sig", 1618884480L).verify(proxied))
                .isEqualTo(new VerificationResult.Verified("proxy_sig", "test-key-rsa", null));
        // the client's signature covers @authority, which the proxy changed
        assertThat(verifier("sig1", 1618884480L).verify(proxied))
                .isInstanceOfSatisfying(
                        VerificationResult.Failed.class,
                        f -> assertThat(f.reason()).isEqualTo(Reason.SIGNATURE_INVALID));
        // after expires (+ skew) the proxy signature is refused
        assertThat(verifier("proxy_sig", 1618884540L + 31).verify(proxied))
                .isInstanceOfSatisfying(
                        VerificationResult.Failed.class,
                        f -> assertThat(f.reason()).isEqualTo(Reason.SIGNATURE_EXPIRED));
    }

    static HttpMessage transform(String method, String target, String... headers) {
        HttpFields.Builder b = HttpFields.builder();
        for (int i = 0; i < headers.length; i += 2) {
            b.add(headers[i], headers[i + 1]);
        }
        b.add(
                "Signature-Input",
                "transform=(\"@method\" \"@path\" \"@authority\" \"accept\");created=1618884473;keyid=\"test-key-ed25519\"");
        b.add(
                "Signature",
                "transform=:ZT1kooQsEHpZ0I1IjCqtQppOmIqlJPeo7DHR3SoMn0s5JZ1eRGS0A+vyYP9t/LXlh5QMFFQ6cpLt2m0pmj3NDA==:");
        return new HttpMessage(method, target, b.build(), null);
    }

    @Test
    void b4_transformations_ed25519() {
        MessageVerifier v = verifier("transform", CREATED);
        assertThat(v.verify(transform(
                                "GET",
                                "/demo?name1=Value1&Name2=value2",
                                "Host",
                                "example.org",
                                "Date",
                                "Fri, 15 Jul 2022 14:24:55 GMT",
                                "Accept",
                                "application/json",
                                "Accept",
                                "*/*"))
                        .isVerified())
                .isTrue();
        assertThat(v.verify(transform(
                                "GET",
                                "/demo?name1=Value1&Name2=value2&param=added",
                                "Host",
                                "example.org",
                                "Accept",
                                "application/json",
                                "Accept",
                                "*/*",
                                "Accept-Language",
                                "en-US,en;q=0.5"))
                        .isVerified())
                .isTrue();
        assertThat(v.verify(transform(
                                "GET",
                                "/demo?name1=Value1&Name2=value2",
                                "Host",
                                "example.org",
                                "Referer",
                                "https://developer.example.org/demo",
                                "Accept",
                                "application/json, */*"))
                        .isVerified())
                .isTrue();
        assertThat(v.verify(transform(
                                "GET",
                                "/demo?name1=Value1&Name2=value2",
                                "Accept",
                                "application/json",
                                "Accept",
                                "*/*",
                                "Date",
                                "Fri, 15 Jul 2022 14:24:55 GMT",
                                "Host",
                                "example.org"))
                        .isVerified())
                .isTrue();
        assertThat(v.verify(transform(
                                "POST",
                                "/demo?name1=Value1&Name2=value2",
                                "Host",
                                "example.com",
                                "Accept",
                                "application/json",
                                "Accept",
                                "*/*"))
                        .isVerified())
                .isFalse();
        assertThat(v.verify(transform(
                                "GET",
                                "/demo?name1=Value1&Name2=value2",
                                "Host",
                                "example.org",
                                "Accept",
                                "*/*",
                                "Accept",
                                "application/json"))
                        .isVerified())
                .isFalse();
    }
}
