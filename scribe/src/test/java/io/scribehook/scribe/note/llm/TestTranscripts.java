package io.scribehook.scribe.note.llm;

import io.scribehook.scribe.analysis.TranscriptAnalyzer;
import io.scribehook.scribe.clinical.ClinicalFindings;
import io.scribehook.scribe.note.DraftNote;
import io.scribehook.scribe.note.NoteSection;
import io.scribehook.scribe.note.NoteSentence;
import io.scribehook.scribe.note.NoteTemplate;
import io.scribehook.scribe.note.NoteWriter;
import io.scribehook.scribe.note.TranscriptAnalysis;
import io.scribehook.scribe.roles.Role;
import io.scribehook.scribe.roles.RoleAssignment;
import io.scribehook.scribe.roles.RoleBasis;
import io.scribehook.scribe.roles.SpeakerRole;
import io.scribehook.scribe.vtt.VttParseResult;
import io.scribehook.scribe.vtt.WebVttParser;
import java.util.List;

/** A short visit with a patient who says her name and email, and a fallback writer anyone can recognise. */
final class TestTranscripts {
    static final String CLINICIAN = "Alice Moreno";
    static final String PATIENT = "Jane Doe-Whitaker";

    static final String VISIT = """
            WEBVTT

            1
            00:00:01.000 --> 00:00:04.000
            Alice Moreno: Good morning Jane, what brings you in today?

            2
            00:00:04.500 --> 00:00:12.000
            Jane Doe-Whitaker: I have had a throbbing headache for three days, mostly behind my eyes.

            3
            00:00:12.500 --> 00:00:16.000
            Jane Doe-Whitaker: I take ibuprofen 400 milligrams twice a day but it barely helps.

            4
            00:00:16.500 --> 00:00:20.000
            Alice Moreno: Your blood pressure today is 128 over 82, and your neck muscles are tight.

            5
            00:00:20.500 --> 00:00:26.000
            Jane Doe-Whitaker: Please send the summary to jane.whitaker@example.com, Doe-Whitaker is my married name.

            6
            00:00:26.500 --> 00:00:32.000
            Alice Moreno: This looks like a tension headache. Try stretching, and come back in two weeks.
            """;

    private TestTranscripts() {}

    static TranscriptAnalysis visit() {
        VttParseResult.Parsed parsed =
                (VttParseResult.Parsed) WebVttParser.lenient().parse(VISIT);
        RoleAssignment roles = new RoleAssignment(List.of(
                new SpeakerRole(CLINICIAN, Role.CLINICIAN, 0.9, RoleBasis.NAME_MATCH),
                new SpeakerRole(PATIENT, Role.PATIENT, 0.9, RoleBasis.NAME_MATCH)));
        return new TranscriptAnalysis(
                parsed, TranscriptAnalyzer.withDefaults().analyze(parsed), roles, ClinicalFindings.NONE);
    }

    /** A writer whose note says "FALLBACK" in every section, as the offline writer would stand in. */
    static final class FallbackWriter implements NoteWriter {
        int calls;

        @Override
        public String name() {
            return "offline";
        }

        @Override
        public DraftNote write(TranscriptAnalysis analysis, NoteTemplate template) {
            calls++;
            List<NoteSection> sections = template.sections().stream()
                    .map(s -> new NoteSection(s.title(), List.of(new NoteSentence("FALLBACK", List.of()))))
                    .toList();
            return new DraftNote(template.id(), name(), sections, null);
        }
    }
}
