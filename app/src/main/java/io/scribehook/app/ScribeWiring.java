package io.scribehook.app;

import io.scribehook.receiver.scribe.NoteDrafted;
import io.scribehook.receiver.scribe.ScribeSetup;
import io.scribehook.scribe.ScribePipeline;
import io.scribehook.scribe.note.NoteTemplates;

/** How the receiver's transcript jobs draft notes in this process. */
final class ScribeWiring {
    private ScribeWiring() {}

    /**
     * The standard offline pipeline (role detection, clinical extraction, the offline writer) with
     * the H&amp;P template; notes are not announced yet ({@link NoteDrafted#NONE}): the
     * {@code scribe.note_drafted} event needs a {@code note_version} field the thin event does not
     * carry yet.
     */
    static ScribeSetup offline() {
        return new ScribeSetup(ScribePipeline.offline(), NoteTemplates.builtIn("hp"), NoteDrafted.NONE);
    }
}
