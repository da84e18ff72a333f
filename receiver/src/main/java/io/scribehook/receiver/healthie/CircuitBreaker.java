package io.scribehook.receiver.healthie;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A consecutive-failure circuit breaker driven by an injected {@link Clock}.
 *
 * <p>Closed: every call is permitted; {@code failureThreshold} consecutive failures open it.
 * Open: calls are refused until {@code openFor} has passed, then it is half-open. Half-open: one
 * trial call is permitted at a time; its success closes the circuit, its failure opens it again.
 * A permitted call must end with exactly one of {@link #onSuccess()}, {@link #onFailure()} or
 * {@link #onIgnored()}. Thread-safe.
 */
public final class CircuitBreaker {

    /** The breaker's state; {@link #code()} is the value of the state gauge. */
    public enum State {
        CLOSED(0), OPEN(1), HALF_OPEN(2);

        private final int code;

        State(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    private final int failureThreshold;
    private final Duration openFor;
    private final Clock clock;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(int failureThreshold, Duration openFor, Clock clock) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1");
        }
        this.failureThreshold = failureThreshold;
        this.openFor = Objects.requireNonNull(openFor, "openFor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Returns true if a call may go out now; in half-open state this takes the one trial slot. */
    public synchronized boolean tryAcquire() {
        refresh();
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (trialInFlight) {
                    yield false;
                }
                trialInFlight = true;
                yield true;
            }
        };
    }

    /** The permitted call reached a healthy server. */
    public synchronized void onSuccess() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        trialInFlight = false;
        openedAt = null;
    }

    /** The permitted call failed in a way that counts (network error, timeout, 5xx). */
    public synchronized void onFailure() {
        refresh();
        if (state == State.HALF_OPEN) {
            open();
            return;
        }
        if (state == State.CLOSED && ++consecutiveFailures >= failureThreshold) {
            open();
        }
    }

    /** The permitted call ended without telling anything about the server (e.g. interrupted). */
    public synchronized void onIgnored() {
        trialInFlight = false;
    }

    /** The current state; an open circuit whose time is up reports {@link State#HALF_OPEN}. */
    public synchronized State state() {
        refresh();
        return state;
    }

    /** When the circuit will let a trial call through, or null if it is not open. */
    public synchronized Instant retryAt() {
        refresh();
        return state == State.OPEN ? openedAt.plus(openFor) : null;
    }

    private void open() {
        state = State.OPEN;
        openedAt = clock.instant();
        trialInFlight = false;
        consecutiveFailures = 0;
    }

    private void refresh() {
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openFor))) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
    }

    @Override
    public synchronized String toString() {
        return "CircuitBreaker[" + state() + ", failures=" + consecutiveFailures + "]";
    }
}
