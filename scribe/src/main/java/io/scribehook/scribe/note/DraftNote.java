package io.scribehook.scribe.note;

import java.util.List;

/**
 * A note drafted for a clinician to review; never final.
 *
 * @param templateId the template it follows
 * @param writer the writer that drafted it, such as {@code offline} or {@code llm}
 * @param sections the sections in template order
 * @param fallbackReason null, or why the requested writer was not used (a reason code such as
 *     {@code llm_timeout})
 */
public record DraftNote(String templateId, String writer, List<NoteSection> sections, String fallbackReason) {

    /** The banner every rendering carries. */
    public static final String DRAFT_BANNER = "DRAFT for clinician review: generated from the visit transcript.";

    public DraftNote {
        sections = List.copyOf(sections);
    }

    /** The note as plain text: banner, then each section's heading and text, blank lines between. */
    public String render() {
        StringBuilder out = new StringBuilder(DRAFT_BANNER).append("\n\n");
        for (NoteSection s : sections) {
            out.append(s.title()).append("\n\n");
            out.append(s.text().isEmpty() ? "Not discussed." : s.text()).append("\n\n");
        }
        return out.toString().stripTrailing() + "\n";
    }
}
