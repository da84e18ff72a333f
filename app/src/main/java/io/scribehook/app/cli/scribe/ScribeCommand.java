package io.scribehook.app.cli.scribe;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scribehook scribe ...}: the transcript pipeline. */
@Command(
        name = "scribe",
        mixinStandardHelpOptions = true,
        description =
                "The scribe pipeline: from a WebVTT transcript to an analysis and a drafted clinical note; search over stored transcripts and notes.",
        subcommands = {DraftCommand.class, SearchCommand.class, ReindexCommand.class, ReconcileCommand.class},
        footerHeading = "%nExample:%n",
        footer = {
            "  scribehook scribe draft visit.vtt --clinician \"Dr. Ada Chen\"",
            "  scribehook scribe search \"high blood pressure\""
        })
public final class ScribeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
