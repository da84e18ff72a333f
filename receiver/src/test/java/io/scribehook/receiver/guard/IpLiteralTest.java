package io.scribehook.receiver.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {
    @ParameterizedTest
    @CsvSource({
        "0.0.0.0, 0.0.0.0",
        "52.4.158.130, 52.4.158.130",
        "255.255.255.255, 255.255.255.255",
        "::, ::",
        "::1, ::1",
        "2001:DB8::1, 2001:db8::1",
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:1:2:3:4:5:0, 2001:db8:1:2:3:4:5:0",
        "1::, 1::",
        "fe80::1:2, fe80::1:2",
        "::ffff:52.4.158.130, 52.4.158.130",
        "::FFFF:3404:9e82, 52.4.158.130",
        "::192.0.2.1, ::c000:201",
        "64:ff9b::192.0.2.33, 64:ff9b::c000:221"
    })
    void parsesAndFormatsLiterals(String text, String formatted) {
        assertThat(IpLiteral.format(IpLiteral.parse(text))).isEqualTo(formatted);
        assertThat(IpLiteral.tryParse(text)).isPresent();
    }

    @Test
    void ipv4MappedIsIpv4() {
        assertThat(IpLiteral.parse("::ffff:10.1.2.3"))
                .isInstanceOf(Inet4Address.class)
                .isEqualTo(IpLiteral.parse("10.1.2.3"));
        assertThat(IpLiteral.parse("2001:db8::1")).isInstanceOf(Inet6Address.class);
    }

    @Test
    void canonicalDropsScopeAndMapping() throws Exception {
        byte[] mapped = IpLiteral.parseBytes("::ffff:10.1.2.3");
        InetAddress scopedMapped = Inet6Address.getByAddress(null, mapped, 3);
        assertThat(IpLiteral.canonical(scopedMapped)).isEqualTo(IpLiteral.parse("10.1.2.3"));
        InetAddress scoped = Inet6Address.getByAddress(null, IpLiteral.parseBytes("fe80::1"), 2);
        assertThat(IpLiteral.canonical(scoped)).isEqualTo(IpLiteral.parse("fe80::1"));
        assertThat(IpLiteral.canonical(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "1.2.3",
                "1.2.3.4.5",
                "256.1.1.1",
                "1.2.3.-4",
                "01.2.3.4",
                "1.2.3.04",
                "1..2.3",
                "1.2.3.4 ",
                " 1.2.3.4",
                "localhost",
                "example.com",
                "1.2.3.4/8",
                "0x7f.0.0.1",
                "2130706433",
                ":::",
                "1:::2",
                "1::2::3",
                "12345::",
                "1:2:3:4:5:6:7",
                "1:2:3:4:5:6:7:8:9",
                "1:2:3:4:5:6:7::8",
                ":1:2:3:4:5:6:7",
                "1:2:3:4:5:6:7:",
                "fe80::1%eth0",
                "[::1]",
                "g::1",
                "::1.2.3.4:5",
                "1.2.3.4::",
                "::ffff:1.2.3",
                "１.２.３.４",
                "::١",
                "2001:db8::1:2:3:4:5:6:7"
            })
    void rejectsEverythingElse(String text) {
        assertThat(IpLiteral.tryParse(text)).isEmpty();
        assertThatThrownBy(() -> IpLiteral.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("not looked up");
    }

    @Test
    void remoteAddrsAsContainersReportThem() {
        assertThat(IpLiteral.parseRemoteAddr("127.0.0.1")).isEqualTo(IpLiteral.parse("127.0.0.1"));
        assertThat(IpLiteral.parseRemoteAddr("[0:0:0:0:0:0:0:1]")).isEqualTo(IpLiteral.parse("::1"));
        assertThat(IpLiteral.parseRemoteAddr("[fe80:0:0:0:0:0:0:1%2]")).isEqualTo(IpLiteral.parse("fe80::1"));
        assertThat(IpLiteral.parseRemoteAddr("fe80::1%eth0")).isEqualTo(IpLiteral.parse("fe80::1"));
        assertThat(IpLiteral.parseRemoteAddr("[::ffff:10.0.0.1]")).isEqualTo(IpLiteral.parse("10.0.0.1"));
        for (String bad : new String[] {"localhost", "", "[]", "1.2.3.4%1", "[1.2.3.4", "%1"}) {
            assertThatThrownBy(() -> IpLiteral.parseRemoteAddr(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> IpLiteral.parseRemoteAddr(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullIsNotALiteral() {
        assertThat(IpLiteral.tryParse(null)).isEmpty();
    }
}
