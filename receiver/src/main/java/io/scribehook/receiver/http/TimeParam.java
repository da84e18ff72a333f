package io.scribehook.receiver.http;

import io.scribehook.core.time.Durations;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A time given as a duration before now ({@code 7d}, {@code 36h}) or an ISO-8601 instant. */
public final class TimeParam {
    private TimeParam() {}

    /**
     * @throws IllegalArgumentException naming the value and the allowed forms
     */
    public static Instant parse(String text, Clock clock) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException notInstant) {
            try {
                return clock.instant().minus(Durations.parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "'" + text + "' is neither a duration (90s, 15m, 36h, 7d) nor an ISO-8601 instant");
            }
        }
    }
}
