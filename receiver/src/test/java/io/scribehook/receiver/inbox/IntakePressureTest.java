package io.scribehook.receiver.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IntakePressureTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final IntakePressure pressure = new IntakePressure(clock, 4, Duration.ofMillis(250));

    @Test
    void processingRunsFreelyUntilEnoughWebhooksWaitAtOnce() {
        for (int i = 0; i < 3; i++) {
            pressure.entered();
        }
        assertThat(pressure.throttling()).isFalse();
        assertThat(pressure.limit()).isEqualTo(Integer.MAX_VALUE);
        pressure.entered();
        assertThat(pressure.throttling()).isTrue();
        assertThat(pressure.limit()).isEqualTo(1);
    }

    @Test
    void theThrottleHoldsForAWhileAfterTheBurstThenLifts() {
        for (int i = 0; i < 4; i++) {
            pressure.entered();
        }
        for (int i = 0; i < 4; i++) {
            pressure.left();
        }
        clock.advance(Duration.ofMillis(249));
        assertThat(pressure.throttling()).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(pressure.throttling()).isFalse();
        pressure.entered(); // one webhook at a time is no burst
        assertThat(pressure.throttling()).isFalse();
    }
}
