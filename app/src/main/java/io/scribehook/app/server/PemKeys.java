package io.scribehook.app.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM with the JDK alone: a certificate chain, and a private key as PKCS#8 ({@code PRIVATE
 * KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}); the last two are
 * wrapped into PKCS#8 here (a few bytes of DER), since the JDK reads only PKCS#8. Encrypted keys
 * are refused with a message saying so. Every failure is an {@link IllegalArgumentException}
 * whose message names the problem, never key material.
 */
final class PemKeys {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    /** AlgorithmIdentifier rsaEncryption with NULL parameters. */
    private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
    /** OID 1.2.840.10045.2.1 (id-ecPublicKey), DER-encoded. */
    private static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201");

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
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the " + type + " block is not valid base64");
            }
            switch (type) {
                case "PRIVATE KEY" -> {
                    return pkcs8(der, "RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");
                }
                case "RSA PRIVATE KEY" -> {
                    return pkcs8(sequence(concat(hex("020100"), RSA_ALGORITHM, octetString(der))), "RSA");
                }
                case "EC PRIVATE KEY" -> {
                    byte[] curve = ecCurveOid(der);
                    return pkcs8(
                            sequence(concat(
                                    hex("020100"), sequence(concat(EC_PUBLIC_KEY_OID, curve)), octetString(der))),
                            "EC");
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

    private static PrivateKey pkcs8(byte[] der, String... algorithms) {
        for (String alg : algorithms) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("the private key could not be read as " + String.join(", ", algorithms));
    }

    /** The named-curve OID (tag, length, value) from a SEC1 ECPrivateKey's {@code [0]} parameters. */
    private static byte[] ecCurveOid(byte[] sec1) {
        // SEQUENCE { INTEGER 1, OCTET STRING key, [0] { OID curve }, [1] { BIT STRING pub } }
        int[] pos = {0};
        expect(sec1, pos, 0x30);
        length(sec1, pos);
        while (pos[0] < sec1.length) {
            int tag = sec1[pos[0]++] & 0xff;
            int len = length(sec1, pos);
            if (tag == 0xa0) {
                if (sec1[pos[0]] != 0x06) {
                    break;
                }
                return Arrays.copyOfRange(sec1, pos[0], pos[0] + len);
            }
            pos[0] += len;
        }
        throw new IllegalArgumentException(
                "the EC PRIVATE KEY names no curve; convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt)");
    }

    private static void expect(byte[] der, int[] pos, int tag) {
        if (pos[0] >= der.length || (der[pos[0]++] & 0xff) != tag) {
            throw new IllegalArgumentException("the private key is not valid DER");
        }
    }

    private static int length(byte[] der, int[] pos) {
        if (pos[0] >= der.length) {
            throw new IllegalArgumentException("the private key is not valid DER");
        }
        int b = der[pos[0]++] & 0xff;
        if (b < 0x80) {
            return b;
        }
        int n = b & 0x7f;
        if (n > 3 || pos[0] + n > der.length) {
            throw new IllegalArgumentException("the private key is not valid DER");
        }
        int len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | (der[pos[0]++] & 0xff);
        }
        return len;
    }

    private static byte[] sequence(byte[] content) {
        return tlv(0x30, content);
    }

    private static byte[] octetString(byte[] content) {
        return tlv(0x04, content);
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = content.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write(len >> 8);
            out.write(len);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] hex(String h) {
        return java.util.HexFormat.of().parseHex(h);
    }
}
