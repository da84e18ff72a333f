package io.scribehook.app;

import io.scribehook.receiver.scribe.NoteDrafted;
import io.scribehook.receiver.scribe.ScribeSetup;
import io.scribehook.scribe.ScribePipeline;
import io.scribehook.scribe.clinical.ClinicalFindings;
import io.scribehook.scribe.note.NoteTemplates;
import io.scribehook.scribe.note.offline.OfflineNoteWriter;
import io.scribehook.scribe.roles.RoleAssignment;
import java.util.List;

/** How the receiver's transcript jobs draft notes in this process. */
final class ScribeWiring {
    private ScribeWiring() {}

    /**
     * The offline writer with the H&amp;P template; notes are not announced yet ({@link NoteDrafted#NONE}).
     * Roles and clinical findings are left to the writer until {@code ScribePipeline.offline()} brings
     * the scribe module's own detectors.
     */
    static ScribeSetup offline() {
        ScribePipeline pipeline = new ScribePipeline(
                (parsed, people) -> new RoleAssignment(List.of()),
                (parsed, roles) -> ClinicalFindings.NONE,
                OfflineNoteWriter.create());
        return new ScribeSetup(pipeline, NoteTemplates.builtIn("hp"), NoteDrafted.NONE);
    }
}
