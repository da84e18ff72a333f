package io.scribehook.app.cli.scribe;

import io.scribehook.app.cli.CliFailure;
import io.scribehook.scribe.ScribeJson;
import io.scribehook.scribe.ScribePipeline;
import io.scribehook.scribe.ScribeResult;
import io.scribehook.scribe.note.NoteTemplate;
import io.scribehook.scribe.note.NoteTemplates;
import io.scribehook.scribe.roles.AppointmentPeople;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scribehook scribe draft FILE.vtt}: the pipeline on a local file, no server or database. */
@Command(
        name = "draft",
        mixinStandardHelpOptions = true,
        description = {
            "Draft a clinical note from a WebVTT transcript on this machine: parse, analyse (speakers, roles, "
                    + "medications, vitals, follow-up), draft under a template's headings. Needs no server or "
                    + "database; the offline writer sends nothing anywhere.",
            "The note is a draft for clinician review; every sentence keeps the cue times it came from (--json)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  scribehook scribe draft visit.vtt --clinician \"Dr. Ada Chen\"",
            "  scribehook scribe draft visit.vtt --template soap --json",
            "  SCRIBEHOOK_LLM_BASE_URL=http://127.0.0.1:11434/v1 SCRIBEHOOK_LLM_MODEL=llama3.1 \\",
            "    scribehook scribe draft visit.vtt --writer llm"
        })
public final class DraftCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE.vtt", description = "The WebVTT transcript (Zoom's or any other).")
    Path file;

    @Option(
            names = "--clinician",
            paramLabel = "NAME",
            description = "The provider's name as the appointment has it; matched against the speakers' names.")
    String clinician;

    @Option(names = "--patient", paramLabel = "NAME", description = "The patient's name as the appointment has it.")
    String patient;

    @Option(
            names = "--template",
            paramLabel = "hp|soap|FILE",
            defaultValue = "hp",
            description = "hp (History and Physical), soap, or a JSON template file. Default: ${DEFAULT-VALUE}.")
    String template;

    @Option(
            names = "--writer",
            paramLabel = "offline|llm",
            defaultValue = "offline",
            description = "offline (deterministic, no network) or llm (SCRIBEHOOK_LLM_BASE_URL, _MODEL, _API_KEY; "
                    + "falls back to offline on failure). Default: ${DEFAULT-VALUE}.")
    String writer;

    @Option(names = "--json", description = "Print the note and the analysis as JSON.")
    boolean json;

    @Override
    public Integer call() {
        NoteTemplate chosen = template();
        String vtt = read();
        ScribePipeline pipeline = ScribePipelines.forWriter(writer, System.getenv());
        ScribeResult result;
        try {
            result = pipeline.run(vtt, new AppointmentPeople(clinician, patient), chosen);
        } finally {
            if (pipeline.writer() instanceof AutoCloseable closeable) {
                close(closeable);
            }
        }
        return switch (result) {
            case ScribeResult.Failed f -> throw CliFailure.failed(file + ": " + f.reason());
            case ScribeResult.Drafted d -> {
                spec.commandLine()
                        .getOut()
                        .print(json ? ScribeJson.pretty(d) + "\n" : d.note().render());
                yield 0;
            }
        };
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing was written through it that could be lost
        }
    }

    private NoteTemplate template() {
        try {
            return NoteTemplates.load(template);
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage(e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw CliFailure.failed(e.getMessage());
        }
    }

    private String read() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CliFailure.usage("no such file: " + file);
        } catch (MalformedInputException e) {
            throw CliFailure.failed(file + ": not UTF-8 text; WebVTT files are UTF-8");
        } catch (IOException e) {
            throw CliFailure.failed("cannot read " + file + ": " + e.getMessage());
        }
    }
}
