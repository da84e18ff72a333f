package io.scribehook.scribe;

import io.scribehook.scribe.note.DraftNote;
import io.scribehook.scribe.note.TranscriptAnalysis;

/** What the pipeline made of one transcript: a drafted note, or why there is none. */
public sealed interface ScribeResult {

    /** The transcript analysed and a note drafted. */
    record Drafted(TranscriptAnalysis analysis, DraftNote note) implements ScribeResult {}

    /**
     * No note: the transcript could not be read.
     *
     * @param reason what is wrong, naming the line; never quotes transcript text
     */
    record Failed(String reason) implements ScribeResult {}
}
