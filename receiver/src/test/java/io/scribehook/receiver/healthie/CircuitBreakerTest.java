package io.scribehook.receiver.healthie;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), clock);

    @Test
    void opensAfterConsecutiveFailuresOnly() {
        fail(2);
        breaker.tryAcquire();
        breaker.onSuccess();
        fail(2);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        fail(1);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.retryAt()).isEqualTo(clock.instant().plusSeconds(10));
    }

    @Test
    void everyChangeOfStateIsToldOnceWithTheTimeATrialIsAllowed() {
        java.util.List<String> told = new java.util.ArrayList<>();
        CircuitBreaker b = new CircuitBreaker(
                2,
                Duration.ofSeconds(10),
                clock,
                (from, to, retryAt) -> told.add(from + ">" + to + (retryAt == null ? "" : "@" + retryAt)));
        Instant t0 = clock.instant();
        for (int i = 0; i < 5; i++) { // failures after the circuit opened change nothing
            b.tryAcquire();
            b.onFailure();
        }
        for (int i = 0; i < 3; i++) {
            assertThat(b.tryAcquire()).isFalse();
        }
        clock.advance(Duration.ofSeconds(10));
        assertThat(b.tryAcquire()).isTrue();
        b.onFailure();
        clock.advance(Duration.ofSeconds(10));
        assertThat(b.tryAcquire()).isTrue();
        b.onSuccess();
        b.onSuccess();
        assertThat(told)
                .containsExactly(
                        "CLOSED>OPEN@" + t0.plusSeconds(10),
                        "OPEN>HALF_OPEN",
                        "HALF_OPEN>OPEN@" + t0.plusSeconds(20),
                        "OPEN>HALF_OPEN",
                        "HALF_OPEN>CLOSED");
    }

    @Test
    void halfOpenAllowsOneTrialAtATime() {
        fail(3);
        clock.advance(Duration.ofSeconds(10));
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).isFalse();
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void failedTrialReopensForAnotherPeriod() {
        fail(3);
        clock.advance(Duration.ofSeconds(15));
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        clock.advance(Duration.ofSeconds(9));
        assertThat(breaker.tryAcquire()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void ignoredTrialFreesTheSlot() {
        fail(3);
        clock.advance(Duration.ofSeconds(10));
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onIgnored();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void lateFailuresWhileOpenDoNotExtendIt() {
        fail(3);
        clock.advance(Duration.ofSeconds(5));
        breaker.onFailure();
        clock.advance(Duration.ofSeconds(5));
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            breaker.tryAcquire();
            breaker.onFailure();
        }
    }
}
