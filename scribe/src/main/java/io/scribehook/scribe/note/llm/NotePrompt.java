package io.scribehook.scribe.note.llm;

import io.scribehook.scribe.note.NoteSlot;
import io.scribehook.scribe.note.NoteTemplate;
import io.scribehook.scribe.note.TemplateSection;
import io.scribehook.scribe.note.TranscriptAnalysis;
import io.scribehook.scribe.roles.RoleAssignment;
import io.scribehook.scribe.vtt.Turn;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The conversation sent to the model: a system message with the rules and the template's
 * sections, and a user message with the transcript as turns labelled by role and start time.
 * Speakers appear by role only, never by name.
 */
final class NotePrompt {

    private static final Map<NoteSlot, String> SLOT_MEANINGS = new EnumMap<>(Map.of(
            NoteSlot.CHIEF_COMPLAINT, "the main reason for the visit, in a few words",
            NoteSlot.HISTORY_OF_PRESENT_ILLNESS,
                    "the history of the present illness as the patient tells it: onset, course, severity, "
                            + "what helps or worsens, relevant history and social factors",
            NoteSlot.REVIEW_OF_SYSTEMS, "symptoms asked about by body system, reported or denied",
            NoteSlot.MEDICATIONS, "current medications with dose, route and frequency; ones stopped or denied",
            NoteSlot.VITALS, "vital signs and measurements stated in the visit",
            NoteSlot.PHYSICAL_EXAMINATION, "the clinician's examination findings",
            NoteSlot.RESULTS, "results of tests, labs and imaging discussed",
            NoteSlot.ASSESSMENT, "the clinician's assessment: diagnoses and impressions",
            NoteSlot.PLAN, "the plan: orders, prescriptions, referrals, advice",
            NoteSlot.FOLLOW_UP, "when and why the patient follows up"));

    private NotePrompt() {}

    /** The messages for drafting {@code template} from {@code analysis}; {@code redact} applies to all transcript text. */
    static List<ChatCompletionsClient.Message> messages(
            TranscriptAnalysis analysis, NoteTemplate template, UnaryOperator<String> redact) {
        return List.of(
                new ChatCompletionsClient.Message("system", system(template)),
                new ChatCompletionsClient.Message("user", user(analysis, template, redact)));
    }

    static String system(NoteTemplate template) {
        StringBuilder b = new StringBuilder();
        b.append("You are a clinical documentation assistant. From the transcript of a visit you draft the ")
                .append(template.name())
                .append(" note, which a clinician will review before it is used.\n")
                .append("Rules:\n")
                .append("- Write in clinical third-person style (\"The patient reports ...\", \"On examination ...\"),")
                .append(" in full sentences.\n")
                .append("- Use only what the transcript states; never invent findings, doses, results or diagnoses.\n")
                .append("- Refer to the patient as \"the patient\"; keep placeholders such as [PATIENT] and [EMAIL] as")
                .append(" they are.\n")
                .append("- If the transcript holds nothing for a section, give an empty string for it.\n")
                .append("- Answer with one JSON object and nothing else: one key per section title below,")
                .append(" spelled exactly as given, each value the section's text as a string.\n\n")
                .append("Sections:\n");
        for (TemplateSection s : template.sections()) {
            b.append("- ").append(s.title()).append(": ").append(meaning(s)).append('\n');
        }
        return b.toString();
    }

    static String user(TranscriptAnalysis analysis, NoteTemplate template, UnaryOperator<String> redact) {
        RoleAssignment roles = analysis.roles();
        StringBuilder b = new StringBuilder("Transcript, one turn a line as [start time] role: words\n\n");
        for (Turn turn : analysis.transcript().turns()) {
            b.append('[')
                    .append(clock(turn.start()))
                    .append("] ")
                    .append(roleLabel(roles, turn.speaker()))
                    .append(": ")
                    .append(redact.apply(turn.text().strip()))
                    .append('\n');
        }
        b.append("\nAnswer with the JSON object: {")
                .append(template.sections().stream()
                        .map(s -> "\"" + s.title().replace("\"", "'") + "\": \"...\"")
                        .collect(Collectors.joining(", ")))
                .append('}');
        return b.toString();
    }

    private static String meaning(TemplateSection section) {
        return section.slots().stream().map(SLOT_MEANINGS::get).collect(Collectors.joining("; "));
    }

    private static String roleLabel(RoleAssignment roles, String speaker) {
        return switch (roles.roleOf(speaker)) {
            case CLINICIAN -> "Clinician";
            case PATIENT -> "Patient";
            case OTHER -> "Other";
        };
    }

    private static String clock(Duration d) {
        long s = d.toSeconds();
        return String.format("%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
