package io.scribehook.scribe.analysis;

import java.time.Duration;

/**
 * A stretch with no cue running, longer than the analyser's threshold.
 *
 * @param start the end of the latest cue before it
 * @param end the start of the next cue
 */
public record Silence(Duration start, Duration end) {

    /** How long nobody spoke. */
    public Duration duration() {
        return end.minus(start);
    }
}
