package io.scribehook.scribe.note;

import java.util.List;

/**
 * One heading of a template and the slots drafted under it, in order.
 *
 * @param title the heading as printed, such as {@code HISTORY OF PRESENT ILLNESS}
 * @param slots what goes under it
 */
public record TemplateSection(String title, List<NoteSlot> slots) {
    public TemplateSection {
        slots = List.copyOf(slots);
    }
}
