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
 * {@link #onIgnored()}. Every change of state is told to the {@link Listener}, once. Thread-safe.
 */
public final class CircuitBreaker {

    /** Told of every change of state, under the breaker's lock: return quickly. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (from, to, retryAt) -> {};

        /** {@code retryAt} is when an open circuit lets a trial through; null for other states. */
        void changed(State from, State to, Instant retryAt);
    }

    /** The breaker's state; {@link #code()} is the value of the state gauge. */
    public enum State {
        CLOSED(0),
        OPEN(1),
        HALF_OPEN(2);

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
    private final Listener listener;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(int failureThreshold, Duration openFor, Clock clock) {
        this(failureThreshold, openFor, clock, Listener.NONE);
    }

    public CircuitBreaker(int failureThreshold, Duration openFor, Clock clock, Listener listener) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1");
        }
        this.failureThreshold = failureThreshold;
        this.openFor = Objects.requireNonNull(openFor, "openFor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
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
        move(State.CLOSED, null);
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
        openedAt = clock.instant();
        trialInFlight = false;
        consecutiveFailures = 0;
        move(State.OPEN, openedAt.plus(openFor));
    }

    private void refresh() {
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openFor))) {
            trialInFlight = false;
            move(State.HALF_OPEN, null);
        }
    }

    private void move(State to, Instant retryAt) {
        State from = state;
        state = to;
        if (from != to) {
            listener.changed(from, to, retryAt);
        }
    }

    @Override
    public synchronized String toString() {
        return "CircuitBreaker[" + state() + ", failures=" + consecutiveFailures + "]";
    }
}
