package io.scribehook.receiver.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAllowListTest {
    static InetAddress ip(String s) {
        return IpLiteral.parse(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "off", " OFF "})
    void offAllowsEveryone(String value) {
        IpAllowList list = IpAllowList.parse(value);
        assertThat(list.enabled()).isFalse();
        assertThat(list.allows(ip("203.0.113.9"))).isTrue();
        assertThat(list.allows(ip("2001:db8::1"))).isTrue();
        assertThat(list.describe()).isEqualTo("off");
        assertThat(list.ranges()).isEmpty();
    }

    @Test
    void nullIsOff() {
        assertThat(IpAllowList.parse(null).enabled()).isFalse();
        assertThat(IpAllowList.off().allows(null)).isTrue();
    }

    @Test
    void healthieProductionHasFourAddresses() {
        IpAllowList list = IpAllowList.parse("healthie-production");
        for (String a : new String[] {"52.4.158.130", "3.216.152.234", "54.243.233.84", "50.19.211.21"}) {
            assertThat(list.allows(ip(a))).as(a).isTrue();
            assertThat(list.allows(ip("::ffff:" + a))).as("mapped " + a).isTrue();
        }
        assertThat(list.allows(ip("18.206.70.225"))).isFalse();
        assertThat(list.allows(ip("52.4.158.131"))).isFalse();
        assertThat(list.allows(null)).isFalse();
        assertThat(list.describe()).isEqualTo("on: healthie-production (4 addresses)");
    }

    @Test
    void healthieStagingHasAllThreeAddresses() {
        IpAllowList list = IpAllowList.parse("Healthie-Staging");
        for (String a : new String[] {"18.206.70.225", "44.195.8.253", "44.198.216.125"}) {
            assertThat(list.allows(ip(a))).as(a).isTrue();
        }
        assertThat(list.allows(ip("52.4.158.130"))).isFalse();
        assertThat(list.ranges()).hasSize(3);
    }

    @Test
    void namesAndCidrsCombine() {
        IpAllowList list = IpAllowList.parse(" healthie-production , 10.0.0.0/8,2001:db8::/32,, healthie-staging ");
        assertThat(list.enabled()).isTrue();
        assertThat(list.allows(ip("52.4.158.130"))).isTrue();
        assertThat(list.allows(ip("44.198.216.125"))).isTrue();
        assertThat(list.allows(ip("10.200.0.1"))).isTrue();
        assertThat(list.allows(ip("2001:db8::beef"))).isTrue();
        assertThat(list.allows(ip("192.168.1.1"))).isFalse();
        assertThat(list.allows(ip("2001:db9::1"))).isFalse();
        assertThat(list.describe())
                .isEqualTo(
                        "on: healthie-production (4 addresses), 10.0.0.0/8, 2001:db8::/32, healthie-staging (3 addresses)");
        assertThat(list.ranges()).hasSize(9);
    }

    @Test
    void namedListsAreExposed() {
        assertThat(IpAllowList.namedLists()).containsOnlyKeys("healthie-production", "healthie-staging");
        assertThat(IpAllowList.namedLists().get(IpAllowList.HEALTHIE_PRODUCTION))
                .extracting(Cidr::toString)
                .containsExactly("52.4.158.130/32", "3.216.152.234/32", "54.243.233.84/32", "50.19.211.21/32");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"healthie-prod", "healthie", "production", "localhost", "off,10.0.0.0/8", "healthie_production"})
    void unknownNamesAreNamedAndTheKnownOnesListed(String value) {
        String bad = value.split(",")[0];
        assertThatThrownBy(() -> IpAllowList.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + bad + "'")
                .hasMessageContaining("healthie-production")
                .hasMessageContaining("healthie-staging");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "healthie-production,999.1.1.1", "example.com", "1.2.3.4;5.6.7.8", "*"})
    void badCidrsAreNamed(String value) {
        assertThatThrownBy(() -> IpAllowList.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10.0.0.0/8");
    }

    @Test
    void onlySeparatorsIsAnError() {
        assertThatThrownBy(() -> IpAllowList.parse(" , ,"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no IP allow-list entry");
    }
}
