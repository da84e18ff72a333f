package io.scribehook.scribe.note;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One drafted section: a template heading and its sentences.
 *
 * @param title the heading
 * @param sentences the sentences in order; empty when the transcript held nothing for it
 */
public record NoteSection(String title, List<NoteSentence> sentences) {
    public NoteSection {
        sentences = List.copyOf(sentences);
    }

    /** The sentences joined by a space. */
    public String text() {
        return sentences.stream().map(NoteSentence::text).collect(Collectors.joining(" "));
    }
}
