package io.scribehook.scribe.note;

import io.scribehook.scribe.vtt.CueTimes;
import java.util.List;

/**
 * One sentence of a drafted note and the cue times it was drawn from.
 *
 * @param text the sentence
 * @param cues where in the transcript it comes from; empty only for a sentence the writer states
 *     without a source (none of the offline writer's)
 */
public record NoteSentence(String text, List<CueTimes> cues) {
    public NoteSentence {
        cues = List.copyOf(cues);
    }
}
