package io.scribehook.scribe.source;

import java.time.Instant;
import java.util.Objects;

/**
 * What a source answered. Callers switch over it; sources throw nothing for network or upstream
 * trouble. Reasons name codes and statuses, never transcript text or names.
 */
public sealed interface SourceResult<T> {

    /** The value was fetched. */
    record Found<T>(T value) implements SourceResult<T> {
        public Found {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The source has no such appointment or transcript. */
    record Missing<T>() implements SourceResult<T> {}

    /**
     * Worth trying again: not before {@code notBefore} when the source says so (an open circuit),
     * else after the caller's own back-off ({@code notBefore} null).
     */
    record Transient<T>(String reason, Instant notBefore) implements SourceResult<T> {}

    /** Trying again will not help (refused, malformed, too large). */
    record Permanent<T>(String reason) implements SourceResult<T> {}
}
