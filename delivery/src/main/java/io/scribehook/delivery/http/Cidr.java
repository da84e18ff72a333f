package io.scribehook.delivery.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** An address range {@code 10.0.0.0/8}, {@code fd00::/8} or a single address ({@code /32}, {@code /128} implied). */
public record Cidr(byte[] network, int prefix) {
    /**
     * Parses a CIDR or a literal address.
     *
     * @throws IllegalArgumentException naming the value and the allowed form
     */
    public static Cidr parse(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        String host = slash < 0 ? t : t.substring(0, slash);
        if (!looksLiteral(host)) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a CIDR; use an address or address/prefix such as 10.0.0.0/8");
        }
        byte[] addr;
        try {
            addr = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a CIDR; use an address or address/prefix such as 10.0.0.0/8");
        }
        int bits = addr.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + text + "' has a prefix outside 0 to " + bits);
            }
        }
        return new Cidr(mask(addr, prefix), prefix);
    }

    /** A comma-separated list; blank gives an empty list. */
    public static List<Cidr> parseList(String text) {
        List<Cidr> out = new ArrayList<>();
        if (text != null) {
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    out.add(parse(part));
                }
            }
        }
        return List.copyOf(out);
    }

    public boolean contains(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == network.length && java.util.Arrays.equals(mask(b, prefix), network);
    }

    private static byte[] mask(byte[] addr, int prefix) {
        byte[] out = addr.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        return out;
    }

    private static boolean looksLiteral(String host) {
        return !host.isEmpty()
                && (host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            return "?/" + prefix;
        }
    }
}
