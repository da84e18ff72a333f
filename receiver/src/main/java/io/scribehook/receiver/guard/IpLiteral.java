package io.scribehook.receiver.guard;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * IP address literals without any name resolution: this class never calls
 * {@link InetAddress#getByName} (which would look up anything that is not a literal). IPv4 is strict
 * dotted-quad (no leading zeros, which some parsers read as octal); IPv6 is RFC 4291 text with
 * optional {@code ::} and an optional dotted-quad tail, without zone ids or brackets. An
 * IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) is treated as the IPv4 address.
 */
public final class IpLiteral {
    private static final int MAX_TEXT = 45;

    private IpLiteral() {}

    /**
     * Parses a literal.
     *
     * @throws IllegalArgumentException naming the value and the allowed form
     */
    public static InetAddress parse(String text) {
        byte[] bytes = parseBytes(text);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address; use an IPv4 (203.0.113.7) or IPv6"
                    + " (2001:db8::1) literal; host names are not looked up");
        }
        return fromBytes(bytes);
    }

    /**
     * Parses the peer address a servlet container reports ({@code getRemoteAddr()}), which may be a
     * bracketed IPv6 literal ({@code [0:0:0:0:0:0:0:1]}, as Jetty writes it) and may carry a zone id
     * ({@code fe80::1%2}); both are stripped. Literals only, never looked up.
     *
     * @throws IllegalArgumentException naming the value when it is not an address literal
     */
    public static InetAddress parseRemoteAddr(String text) {
        String s = text == null ? "" : text.trim();
        if (s.length() >= 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone > 0 && s.indexOf(':') >= 0) {
            s = s.substring(0, zone);
        }
        byte[] bytes = parseBytes(s);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + text + "' is not a peer address literal");
        }
        return fromBytes(bytes);
    }

    /** Parses a literal, or empty when the text is not one. Never throws. */
    public static Optional<InetAddress> tryParse(String text) {
        byte[] bytes = parseBytes(text);
        return bytes == null ? Optional.empty() : Optional.of(fromBytes(bytes));
    }

    /**
     * The canonical form used for comparisons: IPv4-mapped IPv6 becomes IPv4 and any IPv6 scope id
     * is dropped. {@code null} stays {@code null}.
     */
    public static InetAddress canonical(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            return fromBytes(v6.getAddress());
        }
        return address;
    }

    /** Text form: dotted quad, or RFC 5952 compressed lower-case IPv6. */
    public static String format(InetAddress address) {
        InetAddress a = canonical(address);
        if (a instanceof Inet4Address) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        return s.toString();
    }

    /** Whether 16 bytes are an IPv4-mapped IPv6 address ({@code ::ffff:0:0/96}). */
    static boolean isMapped(byte[] b) {
        if (b.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    /** 4 or 16 bytes exactly as written (a mapped address stays 16 bytes), or {@code null}. Never throws. */
    static byte[] parseBytes(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_TEXT) {
            return null;
        }
        return text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
    }

    /** An address from 4 or 16 bytes; a mapped address comes back as IPv4. */
    static InetAddress fromBytes(byte[] bytes) {
        try {
            return InetAddress.getByAddress(isMapped(bytes) ? java.util.Arrays.copyOfRange(bytes, 12, 16) : bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address has 4 or 16 bytes", e);
        }
    }

    private static byte[] parseV4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return null; // leading zero
                }
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255) {
                    return null;
                }
            } else if (c == '.') {
                if (digits == 0 || part == 4) {
                    return null;
                }
                out[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte[] parseV6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = groups(gap < 0 ? s : s.substring(0, gap), gap < 0);
        int[] tail = gap < 0 ? new int[0] : groups(s.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int count = head.length + tail.length;
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (all[i] >>> 8);
            out[2 * i + 1] = (byte) all[i];
        }
        return out;
    }

    /** Colon-separated hex groups; a dotted quad may end the text when {@code v4TailAllowed}. */
    private static int[] groups(String s, boolean v4TailAllowed) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int extra = 0;
        String last = parts[parts.length - 1];
        byte[] v4 = null;
        if (last.indexOf('.') >= 0) {
            if (!v4TailAllowed || (v4 = parseV4(last)) == null) {
                return null;
            }
            extra = 1;
        }
        int[] out = new int[parts.length + extra];
        for (int i = 0; i < parts.length - (v4 == null ? 0 : 1); i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int g = 0;
            for (int k = 0; k < p.length(); k++) {
                int d = Character.digit(p.charAt(k), 16);
                if (d < 0 || p.charAt(k) > 'f') {
                    return null;
                }
                g = (g << 4) | d;
            }
            out[i] = g;
        }
        if (v4 != null) {
            out[out.length - 2] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
            out[out.length - 1] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
        }
        return out;
    }
}
