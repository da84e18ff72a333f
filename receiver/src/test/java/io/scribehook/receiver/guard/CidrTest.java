package io.scribehook.receiver.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {
    static InetAddress ip(String s) {
        return IpLiteral.parse(s);
    }

    @Test
    void ipv4Networks() {
        Cidr c = Cidr.parse("10.0.0.0/8");
        assertThat(c.contains(ip("10.0.0.0"))).isTrue();
        assertThat(c.contains(ip("10.255.255.255"))).isTrue();
        assertThat(c.contains(ip("11.0.0.0"))).isFalse();
        assertThat(c.contains(ip("9.255.255.255"))).isFalse();
        assertThat(c.isIpv4()).isTrue();
        assertThat(c.size()).isEqualTo(1L << 24);
        assertThat(Cidr.parse("172.16.0.0/12").contains(ip("172.31.255.1"))).isTrue();
        assertThat(Cidr.parse("172.16.0.0/12").contains(ip("172.32.0.1"))).isFalse();
        assertThat(Cidr.parse("192.0.2.128/25").contains(ip("192.0.2.127"))).isFalse();
        assertThat(Cidr.parse("192.0.2.128/25").contains(ip("192.0.2.200"))).isTrue();
    }

    @Test
    void aBareAddressIsOneHost() {
        Cidr v4 = Cidr.parse("52.4.158.130");
        assertThat(v4).isEqualTo(Cidr.parse("52.4.158.130/32"));
        assertThat(v4.prefixLength()).isEqualTo(32);
        assertThat(v4.contains(ip("52.4.158.130"))).isTrue();
        assertThat(v4.contains(ip("52.4.158.131"))).isFalse();
        Cidr v6 = Cidr.parse("2001:db8::1");
        assertThat(v6.prefixLength()).isEqualTo(128);
        assertThat(v6.contains(ip("2001:db8::1"))).isTrue();
        assertThat(v6.contains(ip("2001:db8::2"))).isFalse();
        assertThat(Cidr.host(ip("::ffff:1.2.3.4"))).isEqualTo(Cidr.parse("1.2.3.4/32"));
    }

    @Test
    void ipv6Networks() {
        Cidr c = Cidr.parse("2001:db8::/32");
        assertThat(c.isIpv6()).isTrue();
        assertThat(c.contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(c.contains(ip("2001:db9::1"))).isFalse();
        assertThat(Cidr.parse("fe80::/10").contains(ip("febf::1"))).isTrue();
        assertThat(Cidr.parse("fe80::/10").contains(ip("fec0::1"))).isFalse();
        assertThat(Cidr.parse("::/0").contains(ip("2001:db8::1"))).isTrue();
        assertThat(Cidr.parse("::/0").size()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void familiesNeverMixButMappedIsIpv4() throws Exception {
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("::1"))).isFalse();
        assertThat(Cidr.parse("::/0").contains(ip("1.2.3.4"))).isFalse();
        assertThat(Cidr.parse("10.0.0.0/8").contains(ip("::ffff:10.9.8.7"))).isTrue();
        InetAddress mappedV6Object = Inet6Address.getByAddress(null, IpLiteral.parseBytes("::ffff:10.9.8.7"), 0);
        assertThat(Cidr.parse("10.0.0.0/8").contains(mappedV6Object)).isTrue();
        assertThat(Cidr.parse("::ffff:10.0.0.0/104")).isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThat(Cidr.parse("::ffff:52.4.158.130")).isEqualTo(Cidr.parse("52.4.158.130/32"));
        assertThat(Cidr.parse("::ffff:52.4.158.130").isIpv4()).isTrue();
    }

    @Test
    void hostBitsAreClearedAndPrintedCanonically() {
        assertThat(Cidr.parse("10.1.2.3/8").toString()).isEqualTo("10.0.0.0/8");
        assertThat(Cidr.parse(" 2001:DB8:0:0::1/32 ").toString()).isEqualTo("2001:db8::/32");
        assertThat(Cidr.parse("10.1.2.3/8")).isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThat(Cidr.parse("1.2.3.4/0").toString()).isEqualTo("0.0.0.0/0");
        assertThat(Cidr.parse("192.0.2.77/31").toString()).isEqualTo("192.0.2.76/31");
    }

    @Test
    void containsNullIsFalse() {
        assertThat(Cidr.parse("0.0.0.0/0").contains(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "10.0.0.0/",
                "10.0.0.0/33",
                "10.0.0.0/-1",
                "10.0.0.0/08",
                "10.0.0.0/8/8",
                "10.0.0/8",
                "10.0.0.0 /8",
                "/8",
                "2001:db8::/129",
                "localhost",
                "localhost/8",
                "example.com/24",
                "::ffff:10.0.0.0/64",
                "10.0.0.0/abc",
                "10.0.0.0/1e1",
                "fe80::1%eth0/64",
                "[2001:db8::]/32",
                "*"
            })
    void parseErrorsNameTheValueAndTheForm(String text) {
        assertThatThrownBy(() -> Cidr.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("10.0.0.0/8");
    }

    @Test
    void nullIsAParseError() {
        assertThatThrownBy(() -> Cidr.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theConstructorValidatesToo() {
        assertThatThrownBy(() -> new Cidr(ip("10.0.0.0"), 33)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Cidr(ip("::"), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Cidr(null, 8)).isInstanceOf(NullPointerException.class);
        assertThat(new Cidr(ip("10.9.9.9"), 8).network()).isEqualTo(ip("10.0.0.0"));
    }
}
