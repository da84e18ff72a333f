package io.scribehook.signatures.internal;

/**
 * Decodes canonical padded base64 straight from a string span, in one pass. Returns null for
 * anything unusual (length not a multiple of 4, a character outside the alphabet, '=' anywhere but
 * the last one or two places, non-zero pad bits); callers then use {@link java.util.Base64}, which
 * accepts a little more. Not part of the API.
 */
public final class Base64Padded {
    private static final int[] VALUES = new int[128];

    static {
        java.util.Arrays.fill(VALUES, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = i;
        }
    }

    private Base64Padded() {}

    public static byte[] decode(String s, int from, int to) {
        int n = to - from;
        if (n <= 0 || (n & 3) != 0) {
            return null;
        }
        int pad = s.charAt(to - 1) == '=' ? (s.charAt(to - 2) == '=' ? 2 : 1) : 0;
        byte[] out = new byte[n / 4 * 3 - pad];
        int o = 0;
        int end = to - 4;
        for (int i = from; i < end; i += 4) {
            int bits = value(s.charAt(i)) << 18
                    | value(s.charAt(i + 1)) << 12
                    | value(s.charAt(i + 2)) << 6
                    | value(s.charAt(i + 3));
            if (bits < 0) {
                return null;
            }
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        int a = value(s.charAt(end));
        int b = value(s.charAt(end + 1));
        int c = pad == 2 ? 0 : value(s.charAt(end + 2));
        int d = pad >= 1 ? 0 : value(s.charAt(end + 3));
        if ((a | b | c | d) < 0) {
            return null;
        }
        int bits = a << 18 | b << 12 | c << 6 | d;
        out[o++] = (byte) (bits >> 16);
        if (pad == 2) {
            return (bits & 0xffff) == 0 ? out : null;
        }
        out[o++] = (byte) (bits >> 8);
        if (pad == 1) {
            return (bits & 0xff) == 0 ? out : null;
        }
        out[o] = (byte) bits;
        return out;
    }

    private static int value(char c) {
        return c < 128 ? VALUES[c] : -1;
    }
}
