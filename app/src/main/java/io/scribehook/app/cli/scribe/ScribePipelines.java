package io.scribehook.app.cli.scribe;

import io.scribehook.app.cli.CliFailure;
import io.scribehook.scribe.ScribePipeline;
import io.scribehook.scribe.note.NoteWriter;
import io.scribehook.scribe.note.llm.LlmNoteWriter;
import io.scribehook.scribe.note.llm.LlmSettings;
import io.scribehook.scribe.note.offline.OfflineNoteWriter;
import java.util.Map;

/** The pipeline a command asked for: the offline writer, or the LLM writer falling back to it. */
final class ScribePipelines {
    private ScribePipelines() {}

    /**
     * {@code offline}, or {@code llm} configured from {@code SCRIBEHOOK_LLM_*} in {@code env}.
     *
     * @throws CliFailure (usage) for another writer name or {@code llm} without a base URL
     */
    static ScribePipeline forWriter(String writer, Map<String, String> env) {
        NoteWriter offline = OfflineNoteWriter.create();
        NoteWriter chosen = switch (writer) {
            case "offline" -> offline;
            case "llm" ->
                new LlmNoteWriter(
                        LlmSettings.fromEnv(env)
                                .orElseThrow(() -> CliFailure.usage(
                                        "--writer llm needs SCRIBEHOOK_LLM_BASE_URL (and SCRIBEHOOK_LLM_MODEL); "
                                                + "without them use --writer offline")),
                        offline);
            default -> throw CliFailure.usage("--writer must be offline or llm, not '" + writer + "'");
        };
        return ScribePipeline.withWriter(chosen);
    }
}
