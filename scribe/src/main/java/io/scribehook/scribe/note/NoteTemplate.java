package io.scribehook.scribe.note;

import java.util.List;

/**
 * A note layout, loaded from data ({@link NoteTemplates}).
 *
 * @param id such as {@code hp} or {@code soap}
 * @param name a human name, such as {@code History and Physical}
 * @param sections the headings in order
 */
public record NoteTemplate(String id, String name, List<TemplateSection> sections) {
    public NoteTemplate {
        sections = List.copyOf(sections);
    }
}
