package io.scribehook.signatures.internal;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC-SHA256 key with one initialised {@link Mac} per thread, so that verifying costs one
 * {@code doFinal} and no key schedule. Not part of the API.
 */
public final class HmacKey {
  private final SecretKey key;
  private final ThreadLocal<Mac> mac;

  public HmacKey(byte[] secret) {
    if (secret.length == 0) {
      throw new IllegalArgumentException("an HMAC key must not be empty");
    }
    this.key = new SecretKeySpec(secret, "HmacSHA256");
    newMac(key); // fail now, not on first use
    this.mac = ThreadLocal.withInitial(() -> newMac(key));
  }

  public SecretKey key() {
    return key;
  }

  /** HMAC-SHA256 of {@code data}. */
  public byte[] mac(byte[] data) {
    return mac.get().doFinal(data);
  }

  /** HMAC-SHA256 of {@code data[0, length)}. */
  public byte[] mac(byte[] data, int length) {
    Mac m = mac.get();
    m.update(data, 0, length);
    return m.doFinal();
  }

  /** Constant-time comparison of the HMAC of {@code data} with {@code expected}. */
  public boolean matches(byte[] data, byte[] expected) {
    return MessageDigest.isEqual(mac(data), expected);
  }

  private static Mac newMac(SecretKey key) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(key);
      return m;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** A one-off HMAC-SHA256 (no caching). */
  public static byte[] hmacSha256(byte[] key, byte[] data) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "HmacKey[hidden]";
  }
}
