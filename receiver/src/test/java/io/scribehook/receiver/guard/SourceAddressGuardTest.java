package io.scribehook.receiver.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scribehook.receiver.guard.SourceAddressGuard.Allowed;
import io.scribehook.receiver.guard.SourceAddressGuard.Decision;
import io.scribehook.receiver.guard.SourceAddressGuard.Denied;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceAddressGuardTest {
    static final InetAddress HEALTHIE = IpLiteral.parse("52.4.158.130");
    static final InetAddress LB = IpLiteral.parse("10.0.0.5");
    static final InetAddress STRANGER = IpLiteral.parse("198.51.100.66");

    @Test
    void directConnectionsAreCheckedAgainstTheList() {
        SourceAddressGuard g = SourceAddressGuard.fromConfig("healthie-production", "");
        assertThat(g.check(HEALTHIE, null, null)).isEqualTo(new Allowed(HEALTHIE));
        Decision d = g.check(STRANGER, List.of("52.4.158.130"), List.of("for=52.4.158.130"));
        assertThat(d).isInstanceOf(Denied.class);
        Denied denied = (Denied) d;
        assertThat(denied.client()).isEqualTo(STRANGER);
        assertThat(denied.code()).isEqualTo("ip_not_allowed");
        assertThat(denied.message()).doesNotContain("52.4.158.130").doesNotContain("healthie");
    }

    @Test
    void behindATrustedProxyTheForwardedClientIsChecked() {
        SourceAddressGuard g = SourceAddressGuard.fromConfig("healthie-production", "10.0.0.0/8");
        assertThat(g.check(LB, List.of("52.4.158.130"), null)).isEqualTo(new Allowed(HEALTHIE));
        assertThat(g.check(LB, List.of("198.51.100.66"), null)).isInstanceOf(Denied.class);
        assertThat(g.check(LB, null, null)).isInstanceOf(Denied.class);
    }

    @Test
    void anUnresolvableChainIsDeniedWhenTheListIsOn() {
        SourceAddressGuard g = SourceAddressGuard.fromConfig("healthie-production", "10.0.0.0/8");
        Decision d = g.check(LB, List.of("unknown"), null);
        assertThat(d).isInstanceOf(Denied.class);
        assertThat(((Denied) d).client()).isNull();
        assertThat(((Denied) d).message()).contains("forwarding headers");
    }

    @Test
    void whenTheListIsOffEverythingIsAllowedAndTheClientStillReported() {
        SourceAddressGuard g = SourceAddressGuard.fromConfig("off", "10.0.0.0/8");
        assertThat(g.check(LB, List.of("198.51.100.66"), null)).isEqualTo(new Allowed(STRANGER));
        assertThat(g.check(LB, List.of("unknown"), null)).isEqualTo(new Allowed(LB));
        assertThat(g.check(STRANGER, null, null)).isEqualTo(new Allowed(STRANGER));
    }

    @Test
    void describeAndConfigErrors() {
        assertThat(SourceAddressGuard.fromConfig("healthie-production, 10.0.0.0/8", null)
                        .describe())
                .isEqualTo("IP allow-list on: healthie-production (4 addresses), 10.0.0.0/8; trusted proxies: none");
        assertThat(SourceAddressGuard.fromConfig(null, "10.0.0.0/8").describe())
                .isEqualTo("IP allow-list off; trusted proxies: 10.0.0.0/8");
        assertThatThrownBy(() -> SourceAddressGuard.fromConfig("healthie-sandbox", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'healthie-sandbox'");
        assertThatThrownBy(() -> SourceAddressGuard.fromConfig("off", "healthie-production"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'healthie-production'");
    }
}
