package io.scribehook.scribe.vtt;

import java.time.Duration;
import java.util.Objects;

/**
 * Where in the transcript something came from: the start of its first cue to the end of its last.
 *
 * @param start when the first cue starts
 * @param end when the last cue ends
 */
public record CueTimes(Duration start, Duration end) {
    public CueTimes {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** The times of one cue. */
    public static CueTimes of(Cue cue) {
        return new CueTimes(cue.start(), cue.end());
    }

    /** The times of a whole turn. */
    public static CueTimes of(Turn turn) {
        return new CueTimes(turn.start(), turn.end());
    }
}
