package io.scribehook.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JitterTest {
    @Test
    void spreadStaysWithinTheFractionAndActuallySpreads() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            long ms = Jitter.spread(Duration.ofSeconds(10), 0.2).toMillis();
            assertThat(ms).isBetween(8_000L, 12_000L);
            seen.add(ms);
        }
        assertThat(seen.size()).isGreaterThan(100);
    }

    @Test
    void zeroFractionOrZeroDurationIsUnchangedAndPositiveNeverRoundsToZero() {
        assertThat(Jitter.spreadMillis(1234, 0)).isEqualTo(1234);
        assertThat(Jitter.spreadMillis(0, 0.5)).isZero();
        assertThat(Jitter.spreadMillis(1, 0.9)).isPositive();
    }

    @Test
    void aFractionOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> Jitter.spreadMillis(10, 1.0)).hasMessageContaining("jitter fraction 1.0");
        assertThatThrownBy(() -> Jitter.spreadMillis(10, -0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
