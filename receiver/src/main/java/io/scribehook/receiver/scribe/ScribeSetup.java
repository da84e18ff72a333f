package io.scribehook.receiver.scribe;

import io.scribehook.receiver.process.MeetingStarted;
import io.scribehook.scribe.ScribePipeline;
import io.scribehook.scribe.note.NoteTemplate;
import java.util.Objects;

/**
 * What the app decides about the scribe in the receiver: the pipeline (and so its note writer), the
 * note template, and how a drafted note and the start of a meeting are announced.
 */
public record ScribeSetup(
        ScribePipeline pipeline, NoteTemplate template, NoteDrafted onDrafted, MeetingStarted onMeetingStarted) {
    public ScribeSetup {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(onDrafted, "onDrafted");
        Objects.requireNonNull(onMeetingStarted, "onMeetingStarted");
    }

    /** A setup that announces no meeting start. */
    public ScribeSetup(ScribePipeline pipeline, NoteTemplate template, NoteDrafted onDrafted) {
        this(pipeline, template, onDrafted, MeetingStarted.NONE);
    }
}
