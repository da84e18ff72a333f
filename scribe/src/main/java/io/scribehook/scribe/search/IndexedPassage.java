package io.scribehook.scribe.search;

import java.util.Objects;

/**
 * One passage to index: a transcript turn or a note section, with its decrypted text. The index keeps
 * the words (inverted, not stored) and the ids, role and start time as doc values; the text itself is
 * never stored.
 *
 * @param speaker the speaker's name (searchable as {@code speaker:}), null for a note section
 * @param role {@code clinician}, {@code patient}... or null
 * @param section the note section's title (searchable as {@code section:}), null for a turn
 * @param startMillis where the passage starts in the recording, or -1 when unknown
 */
public record IndexedPassage(
        PassageRef ref, String speaker, String role, String section, long startMillis, String text) {
    public IndexedPassage {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(text, "text");
    }
}
