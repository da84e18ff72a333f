package io.scribehook.signatures.rfc9421;

import io.scribehook.signatures.internal.HmacKey;
import io.scribehook.signatures.internal.Recycler;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * The algorithms of the RFC 9421 registry (section 6.2.2), on JDK crypto only. ECDSA signatures are
 * raw {@code r||s} (P1363), not DER; RSA-PSS uses SHA-512, MGF1-SHA-512 and a 64-byte salt.
 */
public enum SignatureAlgorithm {
    RSA_PSS_SHA512("rsa-pss-sha512", "RSASSA-PSS"),
    RSA_V1_5_SHA256("rsa-v1_5-sha256", "SHA256withRSA"),
    HMAC_SHA256("hmac-sha256", "HmacSHA256"),
    ECDSA_P256_SHA256("ecdsa-p256-sha256", "SHA256withECDSAinP1363Format"),
    ECDSA_P384_SHA384("ecdsa-p384-sha384", "SHA384withECDSAinP1363Format"),
    ED25519("ed25519", "Ed25519");

    private static final PSSParameterSpec PSS =
            new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1);

    private final String id;
    private final String jcaName;
    private final Recycler<Signature> signatures;

    SignatureAlgorithm(String id, String jcaName) {
        this.id = id;
        this.jcaName = jcaName;
        this.signatures = new Recycler<>(() -> {
            try {
                return Signature.getInstance(jcaName);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(jcaName + " is not available", e);
            }
        });
    }

    /** The registered name, e.g. {@code hmac-sha256}. */
    public String id() {
        return id;
    }

    /** The algorithm registered as {@code id} (exact match). */
    public static Optional<SignatureAlgorithm> byId(String id) {
        for (SignatureAlgorithm a : values()) {
            if (a.id.equals(id)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public boolean isSymmetric() {
        return this == HMAC_SHA256;
    }

    /**
     * The algorithm a key's type decides: a secret key is hmac-sha256, an Ed25519 key ed25519, an EC
     * key ecdsa-p256-sha256 or ecdsa-p384-sha384 by its curve, an {@code RSASSA-PSS} key
     * rsa-pss-sha512. A plain {@code RSA} key fits two algorithms, so it is refused: name one.
     *
     * @throws IllegalArgumentException when the key fits no algorithm or is ambiguous
     */
    public static SignatureAlgorithm forKey(Key key) {
        if (key instanceof SecretKey) {
            return HMAC_SHA256;
        }
        if (key instanceof EdECKey ed) {
            if ("Ed25519".equalsIgnoreCase(ed.getParams().getName())) {
                return ED25519;
            }
            throw new IllegalArgumentException("only Ed25519 EdDSA keys are supported");
        }
        if (key instanceof ECKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            if (bits == 256) {
                return ECDSA_P256_SHA256;
            }
            if (bits == 384) {
                return ECDSA_P384_SHA384;
            }
            throw new IllegalArgumentException("only P-256 and P-384 EC keys are supported");
        }
        if (key instanceof RSAKey && "RSASSA-PSS".equalsIgnoreCase(key.getAlgorithm())) {
            return RSA_PSS_SHA512;
        }
        if (key instanceof RSAKey) {
            throw new IllegalArgumentException(
                    "an RSA key serves rsa-pss-sha512 and rsa-v1_5-sha256: name the algorithm");
        }
        throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm());
    }

    /** True when {@code key} is of the type and size this algorithm needs. */
    public boolean fits(Key key) {
        return switch (this) {
            case HMAC_SHA256 -> key instanceof SecretKey;
            case ED25519 ->
                key instanceof EdECKey ed
                        && "Ed25519".equalsIgnoreCase(ed.getParams().getName());
            case ECDSA_P256_SHA256 ->
                key instanceof ECKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256;
            case ECDSA_P384_SHA384 ->
                key instanceof ECKey ec && ec.getParams().getCurve().getField().getFieldSize() == 384;
            case RSA_PSS_SHA512 -> key instanceof RSAKey;
            case RSA_V1_5_SHA256 -> key instanceof RSAKey && "RSA".equalsIgnoreCase(key.getAlgorithm());
        };
    }

    /** The length of a valid signature for {@code key} in bytes. */
    int signatureLength(Key key) {
        return switch (this) {
            case HMAC_SHA256 -> 32;
            case ED25519, ECDSA_P256_SHA256 -> 64;
            case ECDSA_P384_SHA384 -> 96;
            case RSA_PSS_SHA512, RSA_V1_5_SHA256 -> (((RSAKey) key).getModulus().bitLength() + 7) / 8;
        };
    }

    /** Signs {@code data} with a private key (or a secret key for HMAC). */
    byte[] sign(Key key, byte[] data) throws GeneralSecurityException {
        if (this == HMAC_SHA256) {
            return HmacKey.hmacSha256(key.getEncoded(), data);
        }
        Signature s = signatures.take();
        try {
            s.initSign((PrivateKey) key);
            if (this == RSA_PSS_SHA512) {
                s.setParameter(PSS);
            }
            s.update(data);
            return s.sign();
        } finally {
            signatures.give(s); // initSign/initVerify reset it for the next user
        }
    }

    /** Verifies with a public key (or a secret key for HMAC, compared in constant time). */
    boolean verify(Key key, byte[] data, byte[] sig) {
        try {
            if (this == HMAC_SHA256) {
                return MessageDigest.isEqual(HmacKey.hmacSha256(key.getEncoded(), data), sig);
            }
            Signature s = signatures.take();
            try {
                s.initVerify((PublicKey) key);
                if (this == RSA_PSS_SHA512) {
                    s.setParameter(PSS);
                }
                s.update(data);
                return s.verify(sig);
            } finally {
                signatures.give(s); // initSign/initVerify reset it for the next user
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
