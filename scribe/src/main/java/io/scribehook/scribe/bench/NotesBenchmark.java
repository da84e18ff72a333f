package io.scribehook.scribe.bench;

import io.scribehook.scribe.ScribePipeline;
import io.scribehook.scribe.ScribeResult;
import io.scribehook.scribe.aci.AciBenchSplit;
import io.scribehook.scribe.aci.AciEncounter;
import io.scribehook.scribe.aci.AciToWebVtt;
import io.scribehook.scribe.note.DraftNote;
import io.scribehook.scribe.note.NoteTemplate;
import io.scribehook.scribe.note.NoteTemplates;
import io.scribehook.scribe.note.NoteWriter;
import io.scribehook.scribe.note.llm.LlmNoteWriter;
import io.scribehook.scribe.note.llm.LlmSettings;
import io.scribehook.scribe.note.offline.NoteLikeness;
import io.scribehook.scribe.note.offline.OfflineNoteWriter;
import io.scribehook.scribe.roles.AppointmentPeople;
import io.scribehook.scribe.rouge.RougeScorer;
import io.scribehook.scribe.rouge.RougeScores;
import io.scribehook.scribe.vtt.VttParseResult;
import io.scribehook.scribe.vtt.WebVttParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        if (args.length >= 3 && args[0].equals("long-visit")) {
            Files.writeString(Path.of(args[2]), longVisit(AciBenchSplit.load(Path.of(args[1]), "train")));
            out.println("wrote " + args[2]);
            return;
        }
        if (args.length >= 2 && args[0].equals("speed")) {
            speed(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 50, out);
            return;
        }
        if (args.length >= 4 && args[0].equals("show")) {
            for (AciEncounter e : AciBenchSplit.load(Path.of(args[1]), args[2])) {
                if (e.encounterId().equals(args[3])) {
                    out.println(draft(e, ScribePipeline.offline(), NoteTemplates.builtIn("hp"))
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
        NoteWriter writer = writer();
        ScribePipeline pipeline = ScribePipeline.withWriter(writer);
        NoteTemplate template = NoteTemplates.builtIn("hp");
        for (int i = 2; i < args.length; i++) {
            if (args[i].startsWith("-")) {
                continue;
            }
            List<AciEncounter> encounters = AciBenchSplit.load(Path.of(args[1]), args[i]);
            List<RougeScorer.Pair> pairs = new ArrayList<>();
            int fallbacks = 0;
            long started = System.nanoTime();
            for (AciEncounter e : encounters) {
                DraftNote note = draft(e, pipeline, template);
                if (note.fallbackReason() != null) {
                    fallbacks++;
                }
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
                    "%-6s n=%d writer=%s%s ROUGE-1 %.2f ROUGE-2 %.2f ROUGE-L %.2f (%d ms)%n",
                    args[i],
                    encounters.size(),
                    writer.name(),
                    fallbacks == 0 ? "" : " (" + fallbacks + " fell back to offline)",
                    100 * avg.rouge1(),
                    100 * avg.rouge2(),
                    100 * avg.rougeL(),
                    millis);
        }
    }

    /** Times the offline pipeline (parse, analyse, draft) on one file: median and p95 of {@code runs}. */
    static void speed(Path file, int runs, PrintStream out) throws IOException {
        String vtt = Files.readString(file);
        ScribePipeline pipeline = ScribePipeline.offline();
        NoteTemplate template = NoteTemplates.builtIn("hp");
        ScribeResult first = pipeline.run(vtt, AppointmentPeople.UNKNOWN, template);
        if (!(first instanceof ScribeResult.Drafted drafted)) {
            throw new IllegalStateException(file + ": " + first);
        }
        long warmUpUntil = System.nanoTime() + 10_000_000_000L;
        int warmUps = 0;
        while (System.nanoTime() < warmUpUntil || warmUps < 20) {
            pipeline.run(vtt, AppointmentPeople.UNKNOWN, template);
            warmUps++;
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            pipeline.run(vtt, AppointmentPeople.UNKNOWN, template);
            nanos[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(nanos);
        out.printf(
                Locale.ROOT,
                "%s: %d cues, %s long, %d note sentences; %d warm-up runs, then %d runs: median %.1f ms, p95 %.1f ms, min %.1f ms, max %.1f ms%n",
                file.getFileName(),
                drafted.analysis().transcript().cues().size(),
                drafted.analysis().stats().meetingDuration(),
                drafted.note().sections().stream()
                        .mapToInt(s -> s.sentences().size())
                        .sum(),
                warmUps,
                runs,
                nanos[runs / 2] / 1e6,
                nanos[(int) Math.ceil(runs * 0.95) - 1] / 1e6,
                nanos[0] / 1e6,
                nanos[runs - 1] / 1e6);
    }

    /**
     * A visit of at least 60 minutes: the {@code aci} encounters of {@code train} in order, joined
     * as one conversation between one doctor and one patient until the converted transcript lasts
     * an hour.
     */
    static String longVisit(List<AciEncounter> train) {
        StringBuilder dialogue = new StringBuilder();
        List<String> used = new ArrayList<>();
        String vtt = "";
        for (AciEncounter e : train) {
            if (!e.dataset().equals("aci")) {
                continue;
            }
            dialogue.append(e.dialogue()).append('\n');
            used.add(e.encounterId());
            vtt = AciToWebVtt.convert(
                    new AciEncounter("aci", "LONG", dialogue.toString(), "", "Jordan Ellis", "Dr. Ada Chen"));
            var parsed = (VttParseResult.Parsed) WebVttParser.lenient().parse(vtt);
            if (parsed.cues().getLast().end().toMinutes() >= 60) {
                break;
            }
        }
        return vtt.replaceFirst(
                "WEBVTT\n",
                "WEBVTT\n\nNOTE A 60-minute visit for the speed benchmark: ACI-BENCH train encounters "
                        + String.join(", ", used)
                        + " joined as one conversation (CC BY 4.0, see NOTICE). Generated by NotesBenchmark long-visit.\n");
    }

    private static NoteWriter writer() {
        if (!"llm".equals(System.getenv("WRITER"))) {
            return OfflineNoteWriter.create();
        }
        LlmSettings settings = LlmSettings.fromEnv(System.getenv())
                .orElseThrow(() -> new IllegalStateException("WRITER=llm needs SCRIBEHOOK_LLM_BASE_URL"));
        return new LlmNoteWriter(settings, OfflineNoteWriter.create());
    }

    static DraftNote draft(AciEncounter e, ScribePipeline pipeline, NoteTemplate template) {
        ScribeResult result =
                pipeline.run(AciToWebVtt.convert(e), new AppointmentPeople(e.doctorName(), e.patientName()), template);
        return switch (result) {
            case ScribeResult.Drafted d -> d.note();
            case ScribeResult.Failed f -> throw new IllegalStateException(e.encounterId() + ": " + f.reason());
        };
    }
}
