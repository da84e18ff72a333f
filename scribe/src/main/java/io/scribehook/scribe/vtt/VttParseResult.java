package io.scribehook.scribe.vtt;

import java.util.List;

/** The outcome of parsing a transcript: the cues and turns, or the line that could not be read. */
public sealed interface VttParseResult {

    /** The transcript read: every cue, and the cues merged into speaker turns. */
    record Parsed(List<Cue> cues, List<Turn> turns) implements VttParseResult {
        public Parsed {
            cues = List.copyOf(cues);
            turns = List.copyOf(turns);
        }
    }

    /**
     * The transcript could not be read.
     *
     * @param line the 1-based line number at fault
     * @param reason what is wrong with it; never quotes transcript text
     */
    record Failed(int line, String reason) implements VttParseResult {
        public String message() {
            return "line " + line + ": " + reason;
        }
    }
}
