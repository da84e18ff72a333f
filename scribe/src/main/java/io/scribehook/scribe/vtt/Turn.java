package io.scribehook.scribe.vtt;

import java.time.Duration;
import java.util.List;

/**
 * Consecutive cues of one speaker: from the start of the first cue to the end of the last.
 *
 * @param speaker the speaker, or null for cues without one
 * @param text the cue texts joined by a space
 * @param cues the cues it was merged from, in order
 */
public record Turn(String speaker, Duration start, Duration end, String text, List<Cue> cues) {
    public Turn {
        cues = List.copyOf(cues);
    }
}
