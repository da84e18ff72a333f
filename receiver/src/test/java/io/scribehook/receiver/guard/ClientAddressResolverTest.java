package io.scribehook.receiver.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scribehook.receiver.guard.Resolution.Resolved;
import io.scribehook.receiver.guard.Resolution.Unresolvable;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressResolverTest {
    static final InetAddress CLIENT = ip("52.4.158.130");
    static final InetAddress PROXY1 = ip("10.0.1.1");
    static final InetAddress PROXY2 = ip("10.0.2.2");

    static InetAddress ip(String s) {
        return IpLiteral.parse(s);
    }

    static Resolution xff(ClientAddressResolver r, InetAddress peer, String... lines) {
        return r.resolve(peer, List.of(lines), List.of());
    }

    static Resolution fwd(ClientAddressResolver r, InetAddress peer, String... lines) {
        return r.resolve(peer, List.of(), List.of(lines));
    }

    static Resolved resolved(InetAddress a) {
        return new Resolved(a);
    }

    // client -> proxy1 -> proxy2 -> us: proxy1 writes "client", proxy2 appends "proxy1", peer is proxy2.

    @Test
    void chainOfThreeWithBothProxiesTrustedFindsTheClient() {
        ClientAddressResolver r = ClientAddressResolver.parse("10.0.1.1, 10.0.2.2");
        assertThat(xff(r, PROXY2, "52.4.158.130, 10.0.1.1")).isEqualTo(resolved(CLIENT));
        assertThat(ClientAddressResolver.parse("10.0.0.0/16").resolve(PROXY2, List.of("52.4.158.130, 10.0.1.1"), null))
                .isEqualTo(resolved(CLIENT));
    }

    @Test
    void chainOfThreeWithOnlyTheLastTrustedReturnsProxy1() {
        ClientAddressResolver r = ClientAddressResolver.parse("10.0.2.2");
        assertThat(xff(r, PROXY2, "52.4.158.130, 10.0.1.1")).isEqualTo(resolved(PROXY1));
    }

    @Test
    void spoofedHeadersFromAnUntrustedPeerAreIgnored() {
        ClientAddressResolver r = ClientAddressResolver.parse("10.0.0.0/8");
        InetAddress attacker = ip("198.51.100.66");
        assertThat(xff(r, attacker, "52.4.158.130")).isEqualTo(resolved(attacker));
        assertThat(fwd(r, attacker, "for=52.4.158.130")).isEqualTo(resolved(attacker));
        assertThat(xff(ClientAddressResolver.none(), PROXY2, "52.4.158.130")).isEqualTo(resolved(PROXY2));
    }

    @Test
    void aSpoofedPrefixBeforeTheRealChainIsNeverRead() {
        ClientAddressResolver r = ClientAddressResolver.parse("10.0.0.0/8");
        // the attacker sends "X-Forwarded-For: 52.4.158.130"; the trusted proxy appends the attacker's real address
        assertThat(xff(r, PROXY2, "52.4.158.130, 198.51.100.66")).isEqualTo(resolved(ip("198.51.100.66")));
        assertThat(xff(r, PROXY2, "garbage, unknown, 198.51.100.66")).isEqualTo(resolved(ip("198.51.100.66")));
    }

    @Test
    void everyAddressTrustedGivesTheLeftmost() {
        ClientAddressResolver r = ClientAddressResolver.parse("10.0.0.0/8");
        assertThat(xff(r, PROXY2, "10.0.0.7, 10.0.1.1")).isEqualTo(resolved(ip("10.0.0.7")));
    }

    @Test
    void aTrustedPeerWithoutHeadersIsTheClient() {
        ClientAddressResolver r = ClientAddressResolver.parse("10.0.0.0/8");
        assertThat(r.resolve(PROXY2, null, null)).isEqualTo(resolved(PROXY2));
        assertThat(r.resolve(PROXY2, List.of(), List.of(" "))).isEqualTo(resolved(PROXY2));
    }

    @Test
    void severalHeaderLinesAreOneList() {
        ClientAddressResolver r = ClientAddressResolver.parse("10.0.0.0/8");
        assertThat(xff(r, PROXY2, "203.0.113.1, 52.4.158.130", "10.0.1.1")).isEqualTo(resolved(CLIENT));
        assertThat(fwd(r, PROXY2, "for=203.0.113.1, for=52.4.158.130", "for=10.0.1.1;proto=https"))
                .isEqualTo(resolved(CLIENT));
    }

    @Test
    void xForwardedForWithIpv6AndPorts() {
        ClientAddressResolver r = ClientAddressResolver.parse("10.0.0.0/8, fd00::/8");
        InetAddress v6 = ip("2001:db8::1");
        assertThat(xff(r, ip("fd00::2"), "2001:db8::1")).isEqualTo(resolved(v6));
        assertThat(xff(r, ip("fd00::2"), "[2001:db8::1]:4711, fd00::9")).isEqualTo(resolved(v6));
        assertThat(xff(r, PROXY2, "52.4.158.130:51234")).isEqualTo(resolved(CLIENT));
        assertThat(xff(r, PROXY2, "52.4.158.130:65535")).isEqualTo(resolved(CLIENT));
        assertThat(xff(r, PROXY2, "52.4.158.130:65536")).isInstanceOf(Unresolvable.class);
        assertThat(xff(r, ip("::ffff:10.0.2.2"), "::ffff:52.4.158.130")).isEqualTo(resolved(CLIENT));
    }

    @Test
    void forwardedWithQuotesPortsAndParameters() {
        ClientAddressResolver r = ClientAddressResolver.parse("10.0.0.0/8");
        assertThat(fwd(r, PROXY2, "for=\"[2001:db8:cafe::17]:4711\"")).isEqualTo(resolved(ip("2001:db8:cafe::17")));
        assertThat(fwd(r, PROXY2, "For=\"[2001:db8:cafe::17]\";proto=https;by=10.0.2.2"))
                .isEqualTo(resolved(ip("2001:db8:cafe::17")));
        assertThat(fwd(r, PROXY2, "for=192.0.2.60;proto=http;by=203.0.113.43")).isEqualTo(resolved(ip("192.0.2.60")));
        assertThat(fwd(r, PROXY2, "for=\"52.4.158.130:8080\", for=10.0.1.1")).isEqualTo(resolved(CLIENT));
        assertThat(fwd(r, PROXY2, "by=10.0.2.2;for=52.4.158.130;host=\"a,b;c\""))
                .isEqualTo(resolved(CLIENT));
        assertThat(fwd(r, PROXY2, "for=\"\\[2001:db8::5\\]\"")).isEqualTo(resolved(ip("2001:db8::5")));
    }

    @Test
    void forwardedIsPreferredOverXForwardedFor() {
        ClientAddressResolver r = ClientAddressResolver.parse("10.0.0.0/8");
        assertThat(r.resolve(PROXY2, List.of("203.0.113.9"), List.of("for=52.4.158.130")))
                .isEqualTo(resolved(CLIENT));
        assertThat(r.resolve(PROXY2, List.of("52.4.158.130"), List.of("for=unknown")))
                .isInstanceOf(Unresolvable.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "unknown",
                "_hidden",
                "example.com",
                "01.2.3.4",
                "1.2.3.4:99999",
                "[1.2.3.4]",
                "[::1",
                "1.2.3.4:",
                "garbage!",
                "1.2.3.4 5.6.7.8",
                "fe80::1%eth0",
                ",",
                "\u0000"
            })
    void unparsableXForwardedForHopsFailClosed(String hop) {
        ClientAddressResolver r = ClientAddressResolver.parse("10.0.0.0/8");
        Resolution res = xff(r, PROXY2, hop);
        assertThat(res).isInstanceOf(Unresolvable.class);
        assertThat(((Unresolvable) res).reason()).contains("X-Forwarded-For").doesNotContain(hop.strip());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "for=unknown",
                "for=_gazonk",
                "for=\"_mdn\"",
                "proto=https",
                "for=1.2.3.4;for=5.6.7.8",
                "for=\"1.2.3.4",
                "for=\"1.2.3.4\"x",
                "for=1.2.\"3.4",
                "for",
                "=1.2.3.4",
                "for=\"[2001:db8::1]:http\"",
                "for=[2001:db8::1]x",
                "for=\"2001:db8::1]\""
            })
    void unparsableForwardedHopsFailClosed(String line) {
        ClientAddressResolver r = ClientAddressResolver.parse("10.0.0.0/8");
        Resolution res = fwd(r, PROXY2, line);
        assertThat(res).as(line).isInstanceOf(Unresolvable.class);
        assertThat(((Unresolvable) res).reason()).contains("Forwarded");
    }

    @Test
    void aTrustedUnparsableHopStillFailsWhenTheWalkReachesIt() {
        ClientAddressResolver r = ClientAddressResolver.parse("10.0.0.0/8");
        assertThat(xff(r, PROXY2, "52.4.158.130, unknown, 10.0.1.1")).isInstanceOf(Unresolvable.class);
    }

    @Test
    void aMissingPeerIsUnresolvable() {
        assertThat(ClientAddressResolver.none().resolve(null, null, null)).isInstanceOf(Unresolvable.class);
    }

    @Test
    void parseAndDescribe() {
        assertThat(ClientAddressResolver.parse(null).trustedProxies()).isEmpty();
        assertThat(ClientAddressResolver.parse(" ").describe()).isEqualTo("none");
        ClientAddressResolver r = ClientAddressResolver.parse("10.0.0.0/8,, 2001:db8::/32 ");
        assertThat(r.describe()).isEqualTo("10.0.0.0/8, 2001:db8::/32");
        assertThat(r.isTrusted(ip("10.1.1.1"))).isTrue();
        assertThat(r.isTrusted(ip("11.1.1.1"))).isFalse();
        assertThatThrownBy(() -> ClientAddressResolver.parse("10.0.0.0/8, proxy.internal"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'proxy.internal'");
    }
}
