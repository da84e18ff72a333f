package io.scribehook.receiver.guard;

import io.scribehook.receiver.guard.ForwardedHeaders.Hop;
import io.scribehook.receiver.guard.Resolution.Resolved;
import io.scribehook.receiver.guard.Resolution.Unresolvable;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Finds the client's address behind reverse proxies ({@code SCRIBEHOOK_TRUSTED_PROXIES}).
 *
 * <h2>Rules</h2>
 * <ol>
 *   <li>If the TCP peer is not a trusted proxy, the client <em>is</em> the peer; forwarding headers
 *       are ignored (anyone can write them).</li>
 *   <li>Otherwise the chain is read from {@code Forwarded} (RFC 7239, {@code for=} of each element)
 *       when that header is present, else from {@code X-Forwarded-For}. The two are never mixed: a
 *       proxy that writes {@code Forwarded} is taken to be the authority. Several lines of a header
 *       are one list, in order. With neither header, the client is the peer.</li>
 *   <li>The chain is walked from the right (nearest hop first), skipping trusted proxies; the client
 *       is the first address that is not a trusted proxy. If every address is trusted, the client
 *       is the leftmost one.</li>
 *   <li>Fail closed: if the walk reaches a hop that does not name an IP address ({@code unknown},
 *       an obfuscated identifier, a host name, garbage), the result is {@link Unresolvable} and the
 *       guard refuses the request. Hops to the left of the client are never read.</li>
 * </ol>
 * Ports, brackets and quotes are accepted: {@code for="[2001:db8::1]:4711"}, {@code 192.0.2.1:8080}.
 * Addresses are compared in canonical form (IPv4-mapped IPv6 is IPv4). No name is ever looked up.
 */
public final class ClientAddressResolver {
    private static final ClientAddressResolver NONE = new ClientAddressResolver(List.of());

    private final List<Cidr> trustedProxies;

    /** A resolver trusting the given proxies (may be empty: then the client is always the peer). */
    public ClientAddressResolver(List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(Objects.requireNonNull(trustedProxies, "trustedProxies"));
    }

    /** A resolver that trusts no proxy. */
    public static ClientAddressResolver none() {
        return NONE;
    }

    /**
     * Parses {@code SCRIBEHOOK_TRUSTED_PROXIES}: comma-separated CIDRs; {@code null} or blank is none.
     *
     * @throws IllegalArgumentException naming the bad CIDR and the allowed form
     */
    public static ClientAddressResolver parse(String configValue) {
        if (configValue == null || configValue.isBlank()) {
            return NONE;
        }
        List<Cidr> out = new ArrayList<>();
        for (String item : configValue.split(",", -1)) {
            if (!item.isBlank()) {
                out.add(Cidr.parse(item.trim()));
            }
        }
        return new ClientAddressResolver(out);
    }

    /** The trusted proxies, in configuration order. */
    public List<Cidr> trustedProxies() {
        return trustedProxies;
    }

    /** Whether an address is a trusted proxy. */
    public boolean isTrusted(InetAddress address) {
        for (Cidr c : trustedProxies) {
            if (c.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Resolves the client of one request.
     *
     * @param peer          the TCP peer's address; {@code null} gives {@link Unresolvable}
     * @param xForwardedFor every {@code X-Forwarded-For} line, in order; {@code null} or empty when absent
     * @param forwarded     every {@code Forwarded} line, in order; {@code null} or empty when absent
     * @return {@link Resolved} or {@link Unresolvable}; never throws
     */
    public Resolution resolve(InetAddress peer, List<String> xForwardedFor, List<String> forwarded) {
        if (peer == null) {
            return new Unresolvable("the connection has no peer address");
        }
        InetAddress client = IpLiteral.canonical(peer);
        if (!isTrusted(client)) {
            return new Resolved(client);
        }
        String header;
        List<Hop> hops;
        if (ForwardedHeaders.present(forwarded)) {
            header = "Forwarded";
            hops = ForwardedHeaders.forwarded(forwarded);
        } else if (ForwardedHeaders.present(xForwardedFor)) {
            header = "X-Forwarded-For";
            hops = ForwardedHeaders.xForwardedFor(xForwardedFor);
        } else {
            return new Resolved(client);
        }
        if (hops.isEmpty()) {
            return new Unresolvable("the " + header + " header from a trusted proxy names no hop");
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            Hop hop = hops.get(i);
            if (!hop.valid()) {
                return new Unresolvable("hop " + (hops.size() - i) + " from the right of the " + header
                        + " header is not an IP address");
            }
            if (!isTrusted(hop.address())) {
                return new Resolved(hop.address());
            }
        }
        return new Resolved(hops.get(0).address());
    }

    /** One line for the start-up log: {@code none} or the CIDRs. */
    public String describe() {
        return trustedProxies.isEmpty()
                ? "none"
                : trustedProxies.stream().map(Cidr::toString).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "ClientAddressResolver[trusted=" + describe() + "]";
    }
}
