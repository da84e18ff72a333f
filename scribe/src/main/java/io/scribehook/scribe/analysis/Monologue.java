package io.scribehook.scribe.analysis;

import java.time.Duration;

/**
 * One turn taken as a monologue: from the start of its first cue to the end of its last.
 *
 * @param start when the turn starts
 * @param end when the turn ends
 * @param words the words spoken in it
 */
public record Monologue(Duration start, Duration end, int words) {

    /** How long the turn lasted. */
    public Duration duration() {
        return end.minus(start);
    }
}
