package io.scribehook.scribe.analysis;

import java.time.Duration;

/**
 * What one speaker contributed to a transcript.
 *
 * @param speaker the speaker's name, or {@link #UNKNOWN} for cues without a speaker
 * @param talkTime the sum of the speaker's cue durations
 * @param share talkTime over the total talk time of all speakers, in [0, 1]; 0 when the total is 0
 * @param turns how many turns the speaker took
 * @param words how many words the speaker said
 * @param longestMonologue the speaker's longest turn (the first of equally long ones)
 */
public record SpeakerStats(
        String speaker, Duration talkTime, double share, int turns, int words, Monologue longestMonologue) {

    /** The name under which cues without a speaker are counted. */
    public static final String UNKNOWN = "unknown";
}
