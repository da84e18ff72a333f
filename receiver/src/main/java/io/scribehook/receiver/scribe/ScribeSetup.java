package io.scribehook.receiver.scribe;

import io.scribehook.receiver.process.MeetingStarted;
import io.scribehook.scribe.ScribePipeline;
import io.scribehook.scribe.note.NoteTemplate;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the app decides about the scribe in the receiver: the pipeline (and so its note writer), the
 * note template, how a drafted note and the start of a meeting are announced, and where this
 * instance keeps its search index (empty: no search).
 */
public record ScribeSetup(
        ScribePipeline pipeline,
        NoteTemplate template,
        NoteDrafted onDrafted,
        MeetingStarted onMeetingStarted,
        Optional<Path> searchIndex) {
    public ScribeSetup {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(onDrafted, "onDrafted");
        Objects.requireNonNull(onMeetingStarted, "onMeetingStarted");
        Objects.requireNonNull(searchIndex, "searchIndex");
    }

    /** A setup without a search index. */
    public ScribeSetup(
            ScribePipeline pipeline, NoteTemplate template, NoteDrafted onDrafted, MeetingStarted onMeetingStarted) {
        this(pipeline, template, onDrafted, onMeetingStarted, Optional.empty());
    }

    /** A setup that announces no meeting start and has no search index. */
    public ScribeSetup(ScribePipeline pipeline, NoteTemplate template, NoteDrafted onDrafted) {
        this(pipeline, template, onDrafted, MeetingStarted.NONE);
    }

    /** The same, with the search index in {@code folder}. */
    public ScribeSetup withSearchIndex(Path folder) {
        return new ScribeSetup(pipeline, template, onDrafted, onMeetingStarted, Optional.of(folder));
    }
}
