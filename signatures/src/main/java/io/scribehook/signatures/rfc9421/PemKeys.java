package io.scribehook.signatures.rfc9421;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reads PEM keys as RFC 9421 appendix B.1 prints them: {@code PUBLIC KEY} (SPKI: RSA, RSASSA-PSS,
 * EC, Ed25519), {@code RSA PUBLIC KEY} (PKCS#1), {@code PRIVATE KEY} (PKCS#8), {@code RSA PRIVATE
 * KEY} (PKCS#1) and {@code EC PRIVATE KEY} (SEC1). JDK only: the PKCS#1 and SEC1 forms are wrapped
 * into SPKI/PKCS#8 with a few bytes of DER.
 */
public final class PemKeys {
    private static final byte[] OID_RSA = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    private static final byte[] OID_RSA_PSS = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x0a
    };
    private static final byte[] OID_EC = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final byte[] OID_ED25519 = {0x2b, 0x65, 0x70};

    private PemKeys() {}

    /** A public key from PEM text ({@code PUBLIC KEY} or {@code RSA PUBLIC KEY}). */
    public static PublicKey publicKey(String pem) {
        Block b = block(pem);
        try {
            return switch (b.type) {
                case "PUBLIC KEY" ->
                    KeyFactory.getInstance(algorithm(spkiOid(b.der))).generatePublic(new X509EncodedKeySpec(b.der));
                case "RSA PUBLIC KEY" -> {
                    byte[] spki = seq(concat(
                            seq(concat(tlv(0x06, OID_RSA), new byte[] {0x05, 0x00})),
                            tlv(0x03, concat(new byte[] {0}, b.der))));
                    yield KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
                }
                default -> throw new IllegalArgumentException("not a public key PEM: " + b.type);
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the public key: " + e.getMessage(), e);
        }
    }

    /** A private key from PEM text ({@code PRIVATE KEY}, {@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY}). */
    public static PrivateKey privateKey(String pem) {
        Block b = block(pem);
        try {
            return switch (b.type) {
                case "PRIVATE KEY" ->
                    KeyFactory.getInstance(algorithm(pkcs8Oid(b.der))).generatePrivate(new PKCS8EncodedKeySpec(b.der));
                case "RSA PRIVATE KEY" -> {
                    byte[] p8 = seq(concat(
                            new byte[] {0x02, 0x01, 0x00},
                            seq(concat(tlv(0x06, OID_RSA), new byte[] {0x05, 0x00})),
                            tlv(0x04, b.der)));
                    yield KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(p8));
                }
                case "EC PRIVATE KEY" -> {
                    byte[] curve = sec1CurveOid(b.der);
                    byte[] p8 = seq(concat(
                            new byte[] {0x02, 0x01, 0x00},
                            seq(concat(tlv(0x06, OID_EC), tlv(0x06, curve))),
                            tlv(0x04, b.der)));
                    yield KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(p8));
                }
                default -> throw new IllegalArgumentException("not a private key PEM: " + b.type);
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the private key: " + e.getMessage(), e);
        }
    }

    private record Block(String type, byte[] der) {}

    private static Block block(String pem) {
        int begin = pem.indexOf("-----BEGIN ");
        int typeEnd = begin < 0 ? -1 : pem.indexOf("-----", begin + 11);
        if (typeEnd < 0) {
            throw new IllegalArgumentException("no PEM block");
        }
        String type = pem.substring(begin + 11, typeEnd);
        int end = pem.indexOf("-----END " + type + "-----", typeEnd);
        if (end < 0) {
            throw new IllegalArgumentException("unterminated PEM block");
        }
        String body = pem.substring(typeEnd + 5, end).replaceAll("\\s+", "");
        try {
            return new Block(type, Base64.getDecoder().decode(body));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM body is not base64", e);
        }
    }

    private static String algorithm(byte[] oid) {
        if (Arrays.equals(oid, OID_RSA)) {
            return "RSA";
        }
        if (Arrays.equals(oid, OID_RSA_PSS)) {
            return "RSASSA-PSS";
        }
        if (Arrays.equals(oid, OID_EC)) {
            return "EC";
        }
        if (Arrays.equals(oid, OID_ED25519)) {
            return "Ed25519";
        }
        throw new IllegalArgumentException("unsupported key algorithm");
    }

    /** SubjectPublicKeyInfo ::= SEQUENCE { SEQUENCE { OID, params }, BIT STRING }. */
    private static byte[] spkiOid(byte[] der) {
        Der d = new Der(der);
        Der outer = d.enter(0x30);
        return outer.enter(0x30).read(0x06);
    }

    /** PrivateKeyInfo ::= SEQUENCE { INTEGER, SEQUENCE { OID, params }, OCTET STRING }. */
    private static byte[] pkcs8Oid(byte[] der) {
        Der outer = new Der(der).enter(0x30);
        outer.read(0x02);
        return outer.enter(0x30).read(0x06);
    }

    /** ECPrivateKey ::= SEQUENCE { INTEGER 1, OCTET STRING, [0] OID, [1] BIT STRING }. */
    private static byte[] sec1CurveOid(byte[] der) {
        Der outer = new Der(der).enter(0x30);
        outer.read(0x02);
        outer.read(0x04);
        return outer.enter(0xa0).read(0x06);
    }

    /** A minimal DER reader over definite lengths. */
    private static final class Der {
        private final byte[] b;
        private int pos;
        private final int end;

        Der(byte[] b) {
            this(b, 0, b.length);
        }

        private Der(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        Der enter(int tag) {
            int[] span = header(tag);
            pos = span[1];
            return new Der(b, span[0], span[1]);
        }

        byte[] read(int tag) {
            int[] span = header(tag);
            pos = span[1];
            return Arrays.copyOfRange(b, span[0], span[1]);
        }

        private int[] header(int tag) {
            if (pos + 2 > end || (b[pos] & 0xff) != tag) {
                throw new IllegalArgumentException("unexpected DER structure");
            }
            int p = pos + 1;
            int len = b[p++] & 0xff;
            if (len >= 0x80) {
                int n = len & 0x7f;
                if (n == 0 || n > 3 || p + n > end) {
                    throw new IllegalArgumentException("unsupported DER length");
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (b[p++] & 0xff);
                }
            }
            if (p + len > end) {
                throw new IllegalArgumentException("truncated DER");
            }
            return new int[] {p, p + len};
        }
    }

    private static byte[] seq(byte[] content) {
        return tlv(0x30, content);
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
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
}
