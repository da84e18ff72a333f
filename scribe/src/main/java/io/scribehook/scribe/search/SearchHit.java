package io.scribehook.scribe.search;

/**
 * One search hit.
 *
 * @param role the speaker's role for a turn, or null
 * @param startMillis where the passage starts in the recording, or -1 when unknown
 * @param snippet the best passage of the text with the matched words in {@code <mark>...</mark>},
 *     the rest HTML-escaped
 */
public record SearchHit(
        PassageRef ref, float score, String role, long startMillis, String speaker, String section, String snippet) {}
