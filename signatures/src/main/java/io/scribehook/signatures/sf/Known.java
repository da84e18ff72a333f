package io.scribehook.signatures.sf;

/**
 * Strings that recur in signature fields (keys, component names, algorithm names). The parser
 * returns these constants instead of new substrings: fewer allocations, and equality checks that
 * succeed on identity. Unknown text is still copied out, so nothing attacker-chosen is cached.
 */
final class Known {
  private static final String[] WORDS = {
    // signature parameters and component parameters
    "created", "expires", "nonce", "alg", "keyid", "tag", "sf", "key", "bs", "req", "tr", "name",
    // labels and digest algorithms
    "sig1", "sig2", "sha-256", "sha-512",
    // derived components and common fields
    "@method", "@target-uri", "@authority", "@scheme", "@request-target", "@path", "@query", "@query-param",
    "@status", "content-digest", "content-type", "content-length", "date", "host", "digest", "authorization",
    // algorithms and the healthie tag
    "hmac-sha256", "ed25519", "ecdsa-p256-sha256", "ecdsa-p384-sha384", "rsa-pss-sha512", "rsa-v1_5-sha256",
    "healthie-webhook",
  };
  private static final String[][] BY_LENGTH = new String[32][];

  static {
    for (String w : WORDS) {
      String[] old = BY_LENGTH[w.length()];
      String[] grown = old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
      grown[grown.length - 1] = w;
      BY_LENGTH[w.length()] = grown;
    }
  }

  private Known() {}

  /** {@code in.substring(from, to)}, as a shared constant when it is a known word. */
  static String string(String in, int from, int to) {
    int n = to - from;
    if (n < BY_LENGTH.length) {
      String[] candidates = BY_LENGTH[n];
      if (candidates != null) {
        for (String c : candidates) {
          if (in.regionMatches(from, c, 0, n)) {
            return c;
          }
        }
      }
    }
    return in.substring(from, to);
  }
}
