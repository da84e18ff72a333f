package io.scribehook.receiver.scribe;

import io.scribehook.scribe.ScribePipeline;
import io.scribehook.scribe.note.NoteTemplate;
import java.util.Objects;

/**
 * What the app decides about the scribe in the receiver: the pipeline (and so its note writer), the
 * note template, and how a drafted note is announced.
 */
public record ScribeSetup(ScribePipeline pipeline, NoteTemplate template, NoteDrafted onDrafted) {
    public ScribeSetup {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(onDrafted, "onDrafted");
    }
}
