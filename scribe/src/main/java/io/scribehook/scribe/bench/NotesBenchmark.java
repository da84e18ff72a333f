package io.scribehook.scribe.bench;

import io.scribehook.scribe.aci.AciBenchSplit;
import io.scribehook.scribe.aci.AciEncounter;
import io.scribehook.scribe.aci.AciToWebVtt;
import io.scribehook.scribe.analysis.TranscriptAnalyzer;
import io.scribehook.scribe.clinical.ClinicalFindings;
import io.scribehook.scribe.note.DraftNote;
import io.scribehook.scribe.note.NoteTemplate;
import io.scribehook.scribe.note.NoteTemplates;
import io.scribehook.scribe.note.NoteWriter;
import io.scribehook.scribe.note.TranscriptAnalysis;
import io.scribehook.scribe.note.offline.NoteLikeness;
import io.scribehook.scribe.note.offline.OfflineNoteWriter;
import io.scribehook.scribe.roles.Role;
import io.scribehook.scribe.roles.RoleAssignment;
import io.scribehook.scribe.roles.RoleBasis;
import io.scribehook.scribe.roles.SpeakerRole;
import io.scribehook.scribe.rouge.RougeScorer;
import io.scribehook.scribe.rouge.RougeScores;
import io.scribehook.scribe.vtt.Turn;
import io.scribehook.scribe.vtt.VttParseResult;
import io.scribehook.scribe.vtt.WebVttParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Scores drafted notes against ACI-BENCH's reference notes, as {@code bench/notes.sh} runs it:
 * each encounter converted to WebVTT, parsed, analysed and drafted, then ROUGE-1/2/L F1 against its
 * reference note, averaged over the split.
 */
public final class NotesBenchmark {
    private NotesBenchmark() {}

    /**
     * {@code score DIR SPLIT [SPLIT...]} prints per-split averages ({@code -v} per encounter too);
     * {@code likeness DIR OUT} counts the word table from {@code train} into OUT.
     */
    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        if (args.length >= 3 && args[0].equals("likeness")) {
            Files.writeString(Path.of(args[2]), NoteLikeness.count(AciBenchSplit.load(Path.of(args[1]), "train")));
            out.println("wrote " + args[2]);
            return;
        }
        if (args.length >= 4 && args[0].equals("show")) {
            for (AciEncounter e : AciBenchSplit.load(Path.of(args[1]), args[2])) {
                if (e.encounterId().equals(args[3])) {
                    out.println(draft(e, OfflineNoteWriter.create(), NoteTemplates.builtIn("hp"))
                            .render());
                }
            }
            return;
        }
        if (args.length < 3 || !args[0].equals("score")) {
            System.err.println("usage: NotesBenchmark score DIR SPLIT... [-v] | likeness DIR OUT");
            System.exit(2);
        }
        boolean verbose = List.of(args).contains("-v");
        NoteWriter writer = OfflineNoteWriter.create();
        NoteTemplate template = NoteTemplates.builtIn("hp");
        for (int i = 2; i < args.length; i++) {
            if (args[i].startsWith("-")) {
                continue;
            }
            List<AciEncounter> encounters = AciBenchSplit.load(Path.of(args[1]), args[i]);
            List<RougeScorer.Pair> pairs = new ArrayList<>();
            long started = System.nanoTime();
            for (AciEncounter e : encounters) {
                DraftNote note = draft(e, writer, template);
                String text = note.render();
                pairs.add(new RougeScorer.Pair(text, e.note()));
                if (verbose) {
                    RougeScores s = RougeScorer.score(text, e.note());
                    out.printf(
                            Locale.ROOT,
                            "%s %s %.2f %.2f %.2f%n",
                            args[i],
                            e.encounterId(),
                            100 * s.rouge1(),
                            100 * s.rouge2(),
                            100 * s.rougeL());
                }
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            RougeScores avg = RougeScorer.average(pairs);
            out.printf(
                    Locale.ROOT,
                    "%-6s n=%d writer=%s ROUGE-1 %.2f ROUGE-2 %.2f ROUGE-L %.2f (%d ms)%n",
                    args[i],
                    encounters.size(),
                    writer.name(),
                    100 * avg.rouge1(),
                    100 * avg.rouge2(),
                    100 * avg.rougeL(),
                    millis);
        }
    }

    static DraftNote draft(AciEncounter e, NoteWriter writer, NoteTemplate template) {
        VttParseResult result = WebVttParser.lenient().parse(AciToWebVtt.convert(e));
        if (!(result instanceof VttParseResult.Parsed parsed)) {
            throw new IllegalStateException(e.encounterId() + ": " + ((VttParseResult.Failed) result).message());
        }
        var stats = TranscriptAnalyzer.withDefaults().analyze(parsed);
        return writer.write(new TranscriptAnalysis(parsed, stats, roles(parsed), ClinicalFindings.NONE), template);
    }

    private static RoleAssignment roles(VttParseResult.Parsed parsed) {
        Set<String> speakers = new LinkedHashSet<>();
        for (Turn t : parsed.turns()) {
            speakers.add(t.speaker());
        }
        List<SpeakerRole> out = new ArrayList<>();
        for (String s : speakers) {
            Role role = s.startsWith("Dr.") || s.equals("Doctor")
                    ? Role.CLINICIAN
                    : s.equals("Guest") ? Role.OTHER : Role.PATIENT;
            out.add(new SpeakerRole(s, role, 1.0, RoleBasis.NAME_MATCH));
        }
        return new RoleAssignment(out);
    }
}
