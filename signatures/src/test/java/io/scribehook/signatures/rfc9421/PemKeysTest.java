package io.scribehook.signatures.rfc9421;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.junit.jupiter.api.Test;

class PemKeysTest {
    @Test
    void reads_every_appendix_b1_form() throws Exception {
        assertThat(PemKeys.publicKey(Rfc9421Examples.RSA_PUBLIC).getAlgorithm()).isEqualTo("RSA");
        assertThat(PemKeys.publicKey(Rfc9421Examples.RSA_PSS_PUBLIC).getAlgorithm())
                .isEqualTo("RSA");
        assertThat(PemKeys.privateKey(Rfc9421Examples.RSA_PSS_PRIVATE).getAlgorithm())
                .isEqualTo("RSASSA-PSS");
        assertThat(SignatureAlgorithm.forKey(PemKeys.publicKey(Rfc9421Examples.ECC_P256_PUBLIC)))
                .isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
        assertThat(SignatureAlgorithm.forKey(PemKeys.publicKey(Rfc9421Examples.ED25519_PUBLIC)))
                .isEqualTo(SignatureAlgorithm.ED25519);
        PrivateKey ec = PemKeys.privateKey(Rfc9421Examples.ECC_P256_PRIVATE);
        PublicKey ecPublic = PemKeys.publicKey(Rfc9421Examples.ECC_P256_PUBLIC);
        byte[] data = "x".getBytes(StandardCharsets.UTF_8);
        byte[] sig = SigningKey.of("k", ec).sign(data);
        assertThat(VerificationKey.of("k", ecPublic).verify(data, sig)).isTrue();
        PrivateKey pss = PemKeys.privateKey(Rfc9421Examples.RSA_PSS_PRIVATE);
        byte[] pssSig = SigningKey.of("k", pss).sign(data);
        assertThat(VerificationKey.of(
                                "k",
                                SignatureAlgorithm.RSA_PSS_SHA512,
                                PemKeys.publicKey(Rfc9421Examples.RSA_PSS_PUBLIC))
                        .verify(data, pssSig))
                .isTrue();
    }

    @Test
    void refuses_garbage_and_ambiguous_keys() {
        assertThatThrownBy(() -> PemKeys.publicKey("nothing")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PemKeys.publicKey("-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PemKeys.privateKey(Rfc9421Examples.ED25519_PUBLIC))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VerificationKey.of("k", PemKeys.publicKey(Rfc9421Examples.RSA_PUBLIC)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name the algorithm");
        assertThatThrownBy(() -> VerificationKey.of(
                        "k", SignatureAlgorithm.ED25519, PemKeys.publicKey(Rfc9421Examples.RSA_PUBLIC)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(VerificationKey.hmac("k", new byte[] {1, 2, 3}).toString()).doesNotContain("AQID");
    }
}
