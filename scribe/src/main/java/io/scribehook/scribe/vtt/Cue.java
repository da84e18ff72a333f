package io.scribehook.scribe.vtt;

import java.time.Duration;

/**
 * One WebVTT cue after parsing.
 *
 * @param id the optional cue identifier line, or null
 * @param start when the cue starts
 * @param end when the cue ends
 * @param speaker the speaker from a voice tag or a {@code Name: } prefix, or null when there is none
 * @param text the cue text without tags, entities decoded, lines joined by a space
 * @param line the 1-based line number of the cue's timing line
 */
public record Cue(String id, Duration start, Duration end, String speaker, String text, int line) {}
