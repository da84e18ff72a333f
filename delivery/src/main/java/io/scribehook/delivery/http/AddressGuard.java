package io.scribehook.delivery.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a webhook may be delivered to. Refused unless inside an allowed range
 * ({@code SCRIBEHOOK_HUB_ALLOWED_TARGETS}): unspecified, loopback, private (10/8, 172.16/12,
 * 192.168/16, fc00::/7), carrier-grade NAT (100.64/10), link-local (169.254/16 with the cloud
 * metadata address, fe80::/10), multicast, broadcast, 0/8, and IPv4 inside IPv6 (mapped, NAT64
 * 64:ff9b::/96) judged by the IPv4 address it carries.
 */
public final class AddressGuard {
    private static final List<Cidr> REFUSED = Cidr.parseList("0.0.0.0/8,10.0.0.0/8,100.64.0.0/10,127.0.0.0/8,"
            + "169.254.0.0/16,172.16.0.0/12,192.0.0.0/24,192.168.0.0/16,198.18.0.0/15,224.0.0.0/4,240.0.0.0/4,"
            + "::/128,::1/128,fc00::/7,fe80::/10,ff00::/8");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");

    private final List<Cidr> allowed;

    public AddressGuard(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** No exceptions: every internal range refused. */
    public static AddressGuard strict() {
        return new AddressGuard(List.of());
    }

    public List<Cidr> allowed() {
        return allowed;
    }

    /** Empty when {@code a} may be connected to; else why not (for the attempt log, no secrets). */
    public Optional<String> refusal(InetAddress a) {
        for (Cidr c : allowed) {
            if (c.contains(a)) {
                return Optional.empty();
            }
        }
        InetAddress judged = embeddedIpv4(a).orElse(a);
        for (Cidr c : REFUSED) {
            if (c.contains(judged)) {
                return Optional.of(judged.getHostAddress() + " is in the internal range " + c
                        + " (allow it with SCRIBEHOOK_HUB_ALLOWED_TARGETS)");
            }
        }
        return Optional.empty();
    }

    private static Optional<InetAddress> embeddedIpv4(InetAddress a) {
        if (!(a instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = a.getAddress();
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= b[i] == 0;
        }
        mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        if (mapped || NAT64.contains(a)) {
            try {
                return Optional.of((Inet4Address) InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
