package io.scribehook.scribe.note;

/** Drafts a note from an analysed transcript, laid out by a template. */
public interface NoteWriter {

    /** A short name recorded with the note, such as {@code offline} or {@code llm}. */
    String name();

    /**
     * Drafts the note. Never throws for any analysis a {@code ScribePipeline} produces: a writer
     * that cannot do its work returns another writer's note with {@link DraftNote#fallbackReason()}.
     */
    DraftNote write(TranscriptAnalysis analysis, NoteTemplate template);
}
