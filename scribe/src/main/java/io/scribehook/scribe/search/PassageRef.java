package io.scribehook.scribe.search;

import java.util.Locale;
import java.util.Objects;

/**
 * Which stored passage an index document stands for: a transcript turn ({@code seq} = its order in
 * the transcript, {@code noteVersion} 0) or a note section ({@code seq} = the section's index in the
 * note). Ids only: the text is read back from the database.
 */
public record PassageRef(Kind kind, String appointmentId, String transcriptId, int seq, int noteVersion) {
    /** What a passage is. */
    public enum Kind {
        TRANSCRIPT,
        NOTE;

        /** {@code transcript} or {@code note}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    public PassageRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(appointmentId, "appointmentId");
        Objects.requireNonNull(transcriptId, "transcriptId");
    }
}
