package io.scribehook.receiver.guard;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IPv4 or IPv6 network, e.g. {@code 10.0.0.0/8} or {@code 2001:db8::/32}.
 *
 * <p>The network is stored with its host bits cleared ({@code 10.1.2.3/8} becomes {@code 10.0.0.0/8}).
 * IPv4-mapped IPv6 is IPv4: {@code ::ffff:10.0.0.0/104} is {@code 10.0.0.0/8}, and an IPv4 network
 * contains the mapped form of its addresses. Literals only: no name is ever looked up.
 *
 * @param network      the first address of the network (IPv4 or IPv6, canonical)
 * @param prefixLength 0-32 for IPv4, 0-128 for IPv6
 */
public record Cidr(InetAddress network, int prefixLength) {
    private static final String FORM = "use an IPv4 or IPv6 address with an optional prefix length,"
            + " such as 10.0.0.0/8, 203.0.113.7 or 2001:db8::/32";

    /** Validates the prefix, turns IPv4-mapped IPv6 into IPv4, and clears the host bits. */
    public Cidr {
        Objects.requireNonNull(network, "network");
        byte[] b = network.getAddress();
        if (IpLiteral.isMapped(b)) {
            if (prefixLength < 96 || prefixLength > 128) {
                throw new IllegalArgumentException(
                        "an IPv4-mapped network needs a prefix length of 96 to 128, not " + prefixLength);
            }
            b = Arrays.copyOfRange(b, 12, 16);
            prefixLength -= 96;
        }
        int bits = b.length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is out of range 0-" + bits);
        }
        network = IpLiteral.fromBytes(mask(b, prefixLength));
    }

    /**
     * Parses {@code address[/prefix]}; a bare address is a single host ({@code /32} or {@code /128}).
     *
     * @throws IllegalArgumentException naming the value and the allowed form
     */
    public static Cidr parse(String text) {
        String t = text == null ? "" : text.trim();
        int slash = t.indexOf('/');
        String addressPart = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = IpLiteral.parseBytes(addressPart);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR; " + FORM);
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (!p.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(p) > prefix) {
                throw new IllegalArgumentException(
                        "'" + text + "' is not a CIDR: the prefix length must be 0-" + prefix + "; " + FORM);
            }
            prefix = Integer.parseInt(p);
        }
        if (IpLiteral.isMapped(bytes)) {
            if (prefix < 96) {
                throw new IllegalArgumentException("'" + text + "' is not a CIDR: an IPv4-mapped network needs a prefix"
                        + " length of 96-128; " + FORM);
            }
            bytes = Arrays.copyOfRange(bytes, 12, 16);
            prefix -= 96;
        }
        return new Cidr(IpLiteral.fromBytes(bytes), prefix);
    }

    /** A single-host network for an address ({@code /32} or {@code /128}). */
    public static Cidr host(InetAddress address) {
        InetAddress a = IpLiteral.canonical(address);
        return new Cidr(a, a.getAddress().length * 8);
    }

    /**
     * Whether the address is in this network. IPv4-mapped IPv6 addresses count as IPv4; an IPv6
     * scope id is ignored; {@code null} is in no network.
     */
    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] a = IpLiteral.canonical(address).getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        return Arrays.equals(mask(a, prefixLength), n);
    }

    /** Whether this is an IPv4 network. */
    public boolean isIpv4() {
        return network instanceof Inet4Address;
    }

    /** Whether this is an IPv6 network. */
    public boolean isIpv6() {
        return network instanceof Inet6Address;
    }

    /** The number of addresses, capped at {@link Long#MAX_VALUE}. */
    public long size() {
        int hostBits = network.getAddress().length * 8 - prefixLength;
        return hostBits >= 63 ? Long.MAX_VALUE : 1L << hostBits;
    }

    /** {@code 10.0.0.0/8}, {@code 2001:db8::/32}. */
    @Override
    public String toString() {
        return IpLiteral.format(network) + "/" + prefixLength;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        return out;
    }
}
