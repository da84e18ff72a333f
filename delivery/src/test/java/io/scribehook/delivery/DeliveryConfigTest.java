package io.scribehook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scribehook.core.config.ConfigException;
import io.scribehook.core.config.ConfigSource;
import io.scribehook.delivery.http.Cidr;
import io.scribehook.delivery.send.RetrySchedule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryConfigTest {
    @Test
    void defaults_cover_three_days_and_allow_nothing_internal() {
        DeliverySettings s = DeliveryConfig.from(ConfigSource.of(Map.of()));
        assertThat(s.schedule()).isEqualTo(RetrySchedule.DEFAULT);
        assertThat(s.schedule().attempts()).isEqualTo(15);
        assertThat(s.schedule().span()).isBetween(Duration.ofHours(71), Duration.ofHours(72));
        assertThat(s.warnAfter()).isEqualTo(Duration.ofHours(24));
        assertThat(s.disableAfter()).isEqualTo(Duration.ofHours(72));
        assertThat(s.sentRetention()).isEqualTo(Duration.ofDays(180));
        assertThat(s.allowedTargets()).isEmpty();
    }

    @Test
    void keys_are_read_and_bad_values_name_the_key() {
        DeliverySettings s = DeliveryConfig.from(ConfigSource.of(Map.of(
                "SCRIBEHOOK_HUB_ALLOWED_TARGETS", "127.0.0.1/32,10.0.0.0/8",
                "SCRIBEHOOK_HUB_RETRY_SCHEDULE", "1s,2m",
                "SCRIBEHOOK_HUB_WARN_AFTER", "1h",
                "SCRIBEHOOK_HUB_DISABLE_AFTER", "2h",
                "SCRIBEHOOK_HUB_SENT_RETENTION", "7d")));
        assertThat(s.allowedTargets()).containsExactly(Cidr.parse("127.0.0.1/32"), Cidr.parse("10.0.0.0/8"));
        assertThat(s.schedule().delays()).containsExactly(Duration.ofSeconds(1), Duration.ofMinutes(2));
        assertThat(s.warnAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(s.sentRetention()).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() ->
                        DeliveryConfig.from(ConfigSource.of(Map.of("SCRIBEHOOK_HUB_ALLOWED_TARGETS", "intranet"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SCRIBEHOOK_HUB_ALLOWED_TARGETS");
        assertThatThrownBy(() -> DeliveryConfig.from(ConfigSource.of(Map.of("SCRIBEHOOK_HUB_RETRY_SCHEDULE", "soon"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SCRIBEHOOK_HUB_RETRY_SCHEDULE");
        assertThatThrownBy(() -> DeliveryConfig.from(ConfigSource.of(
                        Map.of("SCRIBEHOOK_HUB_WARN_AFTER", "5d", "SCRIBEHOOK_HUB_DISABLE_AFTER", "3d"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SCRIBEHOOK_HUB_WARN_AFTER");
        assertThat(List.of(s.schedule().after(1), s.schedule().after(9)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofMinutes(2));
    }
}
