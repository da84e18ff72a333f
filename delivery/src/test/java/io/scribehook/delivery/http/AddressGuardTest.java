package io.scribehook.delivery.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.1.2.3",
                "10.0.0.1",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "169.254.169.254",
                "100.64.0.1",
                "0.0.0.0",
                "224.0.0.1",
                "255.255.255.255",
                "::1",
                "::",
                "fe80::1",
                "fd00:ec2::254",
                "fc00::1",
                "ff02::1",
                "::ffff:127.0.0.1",
                "::ffff:169.254.169.254",
                "64:ff9b::a00:1"
            })
    void internal_addresses_are_refused(String literal) throws Exception {
        assertThat(AddressGuard.strict().refusal(InetAddress.getByName(literal)))
                .as(literal)
                .isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8"})
    void public_addresses_pass(String literal) throws Exception {
        assertThat(AddressGuard.strict().refusal(InetAddress.getByName(literal)))
                .as(literal)
                .isEmpty();
    }

    @Test
    void allowed_targets_open_exactly_their_ranges() throws Exception {
        AddressGuard g = new AddressGuard(Cidr.parseList("127.0.0.1/32, 10.1.0.0/16"));
        assertThat(g.refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(g.refusal(InetAddress.getByName("127.0.0.2"))).isPresent();
        assertThat(g.refusal(InetAddress.getByName("10.1.200.3"))).isEmpty();
        assertThat(g.refusal(InetAddress.getByName("10.2.0.1")).orElseThrow())
                .contains("10.0.0.0/8")
                .contains("SCRIBEHOOK_HUB_ALLOWED_TARGETS");
    }

    @Test
    void cidr_parsing_names_the_bad_value() {
        assertThat(Cidr.parse("fd00::/8").contains(ipv6("fdab::1"))).isTrue();
        assertThat(Cidr.parseList(" ")).isEmpty();
        assertThatThrownBy(() -> Cidr.parse("example.com/8")).hasMessageContaining("'example.com/8'");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("prefix");
        assertThat(List.of(Cidr.parse("10.0.0.7/8"))).containsExactly(Cidr.parse("10.0.0.0/8"));
    }

    private static InetAddress ipv6(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
