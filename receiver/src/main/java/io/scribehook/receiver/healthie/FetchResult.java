package io.scribehook.receiver.healthie;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of one call to the Healthie API. Callers switch over it; nothing is thrown.
 * Failure reasons never contain PHI or the API key.
 */
public sealed interface FetchResult<T> {

    /** The call succeeded and produced a value. */
    record Found<T>(T value) implements FetchResult<T> {
        public Found {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The resource does not exist (null answer or a GraphQL "not found" error). */
    record NotFound<T>() implements FetchResult<T> {
    }

    /** Worth retrying later: network error, timeout, 5xx, rate limited, circuit open. */
    record TransientFailure<T>(String reason) implements FetchResult<T> {
    }

    /** Retrying will not help: 4xx, GraphQL error, validation messages, malformed answer. */
    record PermanentFailure<T>(String reason) implements FetchResult<T> {
    }

    /** Maps a found value; failures and not-found pass through unchanged. */
    default <U> FetchResult<U> map(Function<? super T, ? extends U> f) {
        return switch (this) {
            case Found<T> found -> new Found<>(f.apply(found.value()));
            case NotFound<T> n -> new NotFound<>();
            case TransientFailure<T> t -> new TransientFailure<>(t.reason());
            case PermanentFailure<T> p -> new PermanentFailure<>(p.reason());
        };
    }

    default boolean isFound() {
        return this instanceof Found<T>;
    }
}
