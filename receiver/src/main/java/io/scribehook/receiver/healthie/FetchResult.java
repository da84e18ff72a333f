package io.scribehook.receiver.healthie;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of one call to the Healthie API. Callers switch over it; nothing is thrown.
 * Failure reasons never contain PHI or the API key: they keep error codes, paths and HTTP statuses,
 * never the text of upstream messages.
 */
public sealed interface FetchResult<T> {

    /** The call succeeded and produced a value. */
    record Found<T>(T value) implements FetchResult<T> {
        public Found {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The resource does not exist: a null answer, or a not-found error code at the addressed field. */
    record NotFound<T>() implements FetchResult<T> {}

    /**
     * Not attempted: the circuit breaker is open after repeated failures (or its one trial call is
     * in flight). Try again at {@code until}; this says nothing about the resource.
     */
    record Unavailable<T>(Instant until) implements FetchResult<T> {
        public Unavailable {
            Objects.requireNonNull(until, "until");
        }
    }

    /** Worth retrying later: network error, timeout, 5xx, {@code INTERNAL_SERVER_ERROR}, rate limited, circuit open. */
    record TransientFailure<T>(String reason) implements FetchResult<T> {}

    /**
     * Retrying will not help: 4xx; schema, validation, authorisation ({@code FORBIDDEN},
     * {@code UNAUTHENTICATED}) or unrecognised GraphQL errors; mutation messages; a malformed answer.
     */
    record PermanentFailure<T>(String reason) implements FetchResult<T> {}

    /** Maps a found value; failures and not-found pass through unchanged. */
    default <U> FetchResult<U> map(Function<? super T, ? extends U> f) {
        return switch (this) {
            case Found<T> found -> new Found<>(f.apply(found.value()));
            case NotFound<T> n -> new NotFound<>();
            case TransientFailure<T> t -> new TransientFailure<>(t.reason());
            case PermanentFailure<T> p -> new PermanentFailure<>(p.reason());
            case Unavailable<T> u -> new Unavailable<>(u.until());
        };
    }

    default boolean isFound() {
        return this instanceof Found<T>;
    }
}
