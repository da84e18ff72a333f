package io.scribehook.receiver.healthie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthieApiSettingsTest {

    static final URI API = URI.create("https://staging-api.gethealthie.com/graphql");

    @Test
    void defaults() {
        HealthieApiSettings s = HealthieApiSettings.of(API, "gh_sbox_secret-key");
        assertThat(s.apiVersion()).isEqualTo("2026-01-01");
        assertThat(s.connectTimeout()).isPositive();
        assertThat(s.requestTimeout()).isGreaterThanOrEqualTo(s.connectTimeout());
        assertThat(s.breakerFailureThreshold()).isPositive();
        assertThat(s.maxRateLimitRetries()).isPositive();
    }

    @Test
    void toStringHidesTheKey() {
        HealthieApiSettings s = HealthieApiSettings.of(API, "gh_sbox_secret-key");
        assertThat(s.toString()).doesNotContain("gh_sbox_secret-key").contains("<redacted>", "staging-api");
        assertThat(s.withRateLimit(1, Duration.ofMillis(5)).toString()).doesNotContain("gh_sbox_secret-key");
    }

    @Test
    void rejectsNonsense() {
        HealthieApiSettings s = HealthieApiSettings.of(API, "k");
        assertThatThrownBy(() -> s.withBreaker(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withRateLimit(-1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> s.withApiVersion(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HealthieApiSettings.of(API, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("apiKey");
    }
}
