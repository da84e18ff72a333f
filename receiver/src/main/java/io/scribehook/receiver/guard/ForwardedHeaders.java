package io.scribehook.receiver.guard;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits {@code X-Forwarded-For} and RFC 7239 {@code Forwarded} header lines into hops, left
 * (client side) to right (nearest proxy). Several lines of one header are one list, in order.
 * Empty list elements are skipped. A hop that does not name an IP address ({@code unknown},
 * {@code _obfuscated}, a host name, garbage, an element without exactly one {@code for=}) is kept as
 * an invalid hop, so that the walk can fail closed when it reaches it.
 */
final class ForwardedHeaders {
    private static final Pattern PORT = Pattern.compile(":(\\d{1,5}|_[A-Za-z0-9._-]{1,64})");

    /** One hop; {@code address == null} when the hop does not name an IP address. */
    record Hop(InetAddress address) {
        static final Hop INVALID = new Hop(null);

        boolean valid() {
            return address != null;
        }
    }

    private ForwardedHeaders() {}

    /** Whether a header is present: at least one non-blank line. */
    static boolean present(List<String> lines) {
        if (lines == null) {
            return false;
        }
        for (String l : lines) {
            if (l != null && !l.isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** {@code X-Forwarded-For: client, proxy1, proxy2} (IPv6 bare or bracketed, optional ports). */
    static List<Hop> xForwardedFor(List<String> lines) {
        List<Hop> hops = new ArrayList<>();
        for (String line : nonNull(lines)) {
            for (String item : line.split(",", -1)) {
                if (!item.isBlank()) {
                    hops.add(node(item));
                }
            }
        }
        return hops;
    }

    /** {@code Forwarded: for=192.0.2.60;proto=http;by=203.0.113.43, for="[2001:db8:cafe::17]:4711"}. */
    static List<Hop> forwarded(List<String> lines) {
        List<Hop> hops = new ArrayList<>();
        for (String line : nonNull(lines)) {
            for (String element : splitOutsideQuotes(line, ',')) {
                if (!element.isBlank()) {
                    hops.add(element(element));
                }
            }
        }
        return hops;
    }

    private static Hop element(String element) {
        String forValue = null;
        for (String pair : splitOutsideQuotes(element, ';')) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                return Hop.INVALID;
            }
            String name = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = unquote(pair.substring(eq + 1).trim());
            if (value == null) {
                return Hop.INVALID;
            }
            if (name.equals("for")) {
                if (forValue != null) {
                    return Hop.INVALID;
                }
                forValue = value;
            }
        }
        return forValue == null ? Hop.INVALID : node(forValue);
    }

    /**
     * A node: {@code 192.0.2.1}, {@code 192.0.2.1:8080}, {@code [2001:db8::1]}, {@code [2001:db8::1]:4711},
     * or a bare IPv6 address. Anything else is invalid.
     */
    static Hop node(String text) {
        String s = text.trim();
        if (s.isEmpty() || s.length() > 100) {
            return Hop.INVALID;
        }
        String host;
        boolean mustBeV6 = false;
        if (s.charAt(0) == '[') {
            int close = s.indexOf(']');
            if (close < 0 || !portOrNothing(s.substring(close + 1))) {
                return Hop.INVALID;
            }
            host = s.substring(1, close);
            mustBeV6 = true;
        } else {
            int first = s.indexOf(':');
            if (first >= 0 && first == s.lastIndexOf(':')) {
                if (!portOrNothing(s.substring(first))) {
                    return Hop.INVALID;
                }
                host = s.substring(0, first);
                if (host.indexOf('.') < 0) {
                    return Hop.INVALID;
                }
            } else {
                host = s;
            }
        }
        byte[] bytes = IpLiteral.parseBytes(host);
        if (bytes == null || (mustBeV6 && bytes.length != 16)) {
            return Hop.INVALID;
        }
        return new Hop(IpLiteral.fromBytes(bytes));
    }

    /** Empty, or {@code :port} with a port of 0-65535, or an obfuscated {@code :_port} (RFC 7239 section 6.3). */
    private static boolean portOrNothing(String rest) {
        if (rest.isEmpty()) {
            return true;
        }
        if (!PORT.matcher(rest).matches()) {
            return false;
        }
        return rest.charAt(1) == '_' || Integer.parseInt(rest.substring(1)) <= 65_535;
    }

    /** The value of a token or quoted-string; {@code null} when a quoted-string is not well formed. */
    private static String unquote(String v) {
        if (v.isEmpty() || v.charAt(0) != '"') {
            return v.indexOf('"') >= 0 ? null : v;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\') {
                if (++i >= v.length()) {
                    return null;
                }
                out.append(v.charAt(i));
            } else if (c == '"') {
                return i == v.length() - 1 ? out.toString() : null;
            } else {
                out.append(c);
            }
        }
        return null;
    }

    /** Splits at {@code sep} outside quoted-strings (a backslash escapes inside quotes). */
    private static List<String> splitOutsideQuotes(String s, char sep) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == sep && !quoted) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(Math.min(start, s.length())));
        return out;
    }

    private static List<String> nonNull(List<String> lines) {
        if (lines == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(lines.size());
        for (String l : lines) {
            if (l != null) {
                out.add(l);
            }
        }
        return out;
    }
}
