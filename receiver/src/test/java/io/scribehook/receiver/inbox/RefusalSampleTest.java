package io.scribehook.receiver.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scribehook.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefusalSampleTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final RefusalSample sample = new RefusalSample(clock);

    @Test
    void onePerReasonASecondIsTaken() {
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            for (String reason : List.of("signature_invalid", "digest_mismatch")) {
                if (sample.take(reason)) {
                    taken.add(reason);
                }
            }
        }
        clock.advance(Duration.ofMillis(999));
        if (sample.take("signature_invalid")) {
            taken.add("too early");
        }
        clock.advance(Duration.ofMillis(1));
        if (sample.take("signature_invalid")) {
            taken.add("signature_invalid");
        }
        assertThat(taken).containsExactly("signature_invalid", "digest_mismatch", "signature_invalid");
    }

    @Test
    void aPeriodMustBePositive() {
        assertThatThrownBy(() -> new RefusalSample(clock, Duration.ZERO)).hasMessageContaining("PT0S");
    }
}
