package io.scribehook.app.server;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM with the JDK alone: a certificate chain, and a private key as PKCS#8 ({@code PRIVATE
 * KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}), read by the
 * signatures library's {@link io.scribehook.signatures.rfc9421.PemKeys}. Encrypted keys
 * are refused with a message saying so. Every failure is an {@link IllegalArgumentException}
 * whose message names the problem, never key material.
 */
final class PemKeys {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    private PemKeys() {}

    static List<X509Certificate> certificates(byte[] pem) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
        }
        try {
            List<X509Certificate> chain =
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).stream()
                            .map(c -> (X509Certificate) c)
                            .toList();
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("no certificate could be read from it");
            }
            return chain;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a readable PEM certificate chain (" + e.getMessage() + ")");
        }
    }

    static PrivateKey privateKey(byte[] pem) {
        Matcher m = BLOCK.matcher(new String(pem, StandardCharsets.US_ASCII));
        while (m.find()) {
            String type = m.group(1);
            try {
                Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the " + type + " block is not valid base64");
            }
            switch (type) {
                case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY" -> {
                    try {
                        return io.scribehook.signatures.rfc9421.PemKeys.privateKey(m.group());
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("the " + type + " block could not be read as a key");
                    }
                }
                case "ENCRYPTED PRIVATE KEY" ->
                    throw new IllegalArgumentException(
                            "the private key is encrypted; give it unencrypted (e.g. openssl pkcs8 -nocrypt), readable by this user only");
                default -> {
                    // certificates or parameters in the same file: skip
                }
            }
        }
        throw new IllegalArgumentException(
                "no PEM private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block) in it");
    }

    /** Whether {@code key} is the private half of {@code cert}'s public key (a signature over random bytes verifies). */
    static boolean matches(PrivateKey key, X509Certificate cert) {
        PublicKey pub = cert.getPublicKey();
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            case "RSASSA-PSS" -> "RSASSA-PSS";
            default -> null;
        };
        if (alg == null || !pub.getAlgorithm().equals(key.getAlgorithm()) && !"EdDSA".equals(pub.getAlgorithm())) {
            return false;
        }
        try {
            byte[] data = new byte[32];
            new SecureRandom().nextBytes(data);
            Signature s = Signature.getInstance(alg);
            if ("RSASSA-PSS".equals(alg)) {
                s.setParameter(new java.security.spec.PSSParameterSpec(
                        "SHA-256", "MGF1", java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
            }
            s.initSign(key);
            s.update(data);
            byte[] sig = s.sign();
            s.initVerify(pub);
            s.update(data);
            return s.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
