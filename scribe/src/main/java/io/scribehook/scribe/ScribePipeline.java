package io.scribehook.scribe;

import io.scribehook.scribe.analysis.TranscriptAnalyzer;
import io.scribehook.scribe.analysis.TranscriptStats;
import io.scribehook.scribe.clinical.ClinicalExtractor;
import io.scribehook.scribe.clinical.ClinicalFindings;
import io.scribehook.scribe.note.DraftNote;
import io.scribehook.scribe.note.NoteTemplate;
import io.scribehook.scribe.note.NoteWriter;
import io.scribehook.scribe.note.TranscriptAnalysis;
import io.scribehook.scribe.note.offline.OfflineNoteWriter;
import io.scribehook.scribe.roles.AppointmentPeople;
import io.scribehook.scribe.roles.RoleAssignment;
import io.scribehook.scribe.roles.RoleDetector;
import io.scribehook.scribe.vtt.VttParseResult;
import io.scribehook.scribe.vtt.WebVttParser;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The scribe pipeline on one WebVTT transcript: parse (tolerantly), analyse per speaker, decide
 * roles, extract clinical findings, draft a note with the configured writer. Pure: no I/O, no
 * clock, deterministic for the offline writer. No exception escapes {@link #run}: an unreadable
 * transcript, or a fault in any step, is a {@link ScribeResult.Failed} naming what went wrong,
 * never quoting transcript text.
 */
public final class ScribePipeline {
    private final WebVttParser parser;
    private final TranscriptAnalyzer analyzer;
    private final BiFunction<VttParseResult.Parsed, AppointmentPeople, RoleAssignment> roles;
    private final BiFunction<VttParseResult.Parsed, RoleAssignment, ClinicalFindings> findings;
    private final NoteWriter writer;

    /**
     * A pipeline from its steps.
     *
     * @param roles decides who is the clinician and who the patient
     * @param findings extracts medications, vitals, follow-up and key terms
     * @param writer drafts the note
     */
    public ScribePipeline(
            BiFunction<VttParseResult.Parsed, AppointmentPeople, RoleAssignment> roles,
            BiFunction<VttParseResult.Parsed, RoleAssignment, ClinicalFindings> findings,
            NoteWriter writer) {
        this.parser = WebVttParser.lenient();
        this.analyzer = TranscriptAnalyzer.withDefaults();
        this.roles = Objects.requireNonNull(roles, "roles");
        this.findings = Objects.requireNonNull(findings, "findings");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /**
     * The standard pipeline with the given writer: roles by {@link RoleDetector}, findings by
     * {@link ClinicalExtractor} with the shipped lexicon.
     */
    public static ScribePipeline withWriter(NoteWriter writer) {
        RoleDetector roles = new RoleDetector();
        ClinicalExtractor extractor = ClinicalExtractor.withDefaultLexicon();
        return new ScribePipeline(roles::detect, extractor::extract, writer);
    }

    /** The standard pipeline with the offline writer: deterministic, no network. */
    public static ScribePipeline offline() {
        return withWriter(OfflineNoteWriter.create());
    }

    /** The writer this pipeline drafts with. */
    public NoteWriter writer() {
        return writer;
    }

    /** Runs the whole pipeline on a WebVTT document. */
    public ScribeResult run(String webVtt, AppointmentPeople people, NoteTemplate template) {
        VttParseResult parsed = parser.parse(webVtt == null ? "" : webVtt);
        if (parsed instanceof VttParseResult.Failed failed) {
            return new ScribeResult.Failed(failed.message());
        }
        VttParseResult.Parsed transcript = (VttParseResult.Parsed) parsed;
        String step = "analysis";
        try {
            TranscriptStats stats = analyzer.analyze(transcript);
            step = "roles";
            RoleAssignment assignment = roles.apply(transcript, people == null ? AppointmentPeople.UNKNOWN : people);
            step = "clinical extraction";
            ClinicalFindings found = findings.apply(transcript, assignment);
            TranscriptAnalysis analysis = new TranscriptAnalysis(transcript, stats, assignment, found);
            step = "note writer " + writer.name();
            DraftNote note = writer.write(analysis, template);
            return new ScribeResult.Drafted(analysis, note);
        } catch (RuntimeException e) {
            return new ScribeResult.Failed(step + " failed: " + e.getClass().getSimpleName());
        }
    }
}
