package io.scribehook.scribe.note;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Note templates as data: the built-in {@code hp} and {@code soap}, or a JSON file of the same
 * shape a user writes:
 *
 * <pre>{@code
 * {"id": "hp", "name": "History and Physical",
 *  "sections": [{"title": "CHIEF COMPLAINT", "slots": ["chief_complaint"]}, ...]}
 * }</pre>
 *
 * <p>Slots are the lower-case names of {@link NoteSlot}. A problem with a file is an {@link
 * IllegalArgumentException} naming the file and the field.
 */
public final class NoteTemplates {
    /** The ids of the built-in templates. */
    public static final List<String> BUILT_IN = List.of("hp", "soap");

    private static final ObjectMapper JSON = new ObjectMapper();

    private NoteTemplates() {}

    /** A built-in template by id ({@code hp} or {@code soap}), or a path to a JSON template file. */
    public static NoteTemplate load(String idOrPath) {
        if (BUILT_IN.contains(idOrPath)) {
            return builtIn(idOrPath);
        }
        Path file = Path.of(idOrPath);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no template '" + idOrPath + "': built-in are "
                    + String.join(", ", BUILT_IN) + ", or give a JSON file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + file, e);
        }
    }

    /** The built-in template with that id. */
    public static NoteTemplate builtIn(String id) {
        if (!BUILT_IN.contains(id)) {
            throw new IllegalArgumentException("no built-in template '" + id + "'");
        }
        try (InputStream in =
                NoteTemplates.class.getResourceAsStream("/io/scribehook/scribe/templates/" + id + ".json")) {
            return parse(in, id + ".json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a template from JSON; {@code source} names it in errors. */
    public static NoteTemplate parse(InputStream in, String source) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        String id = text(root, "id", source);
        String name = root.path("name").asText(id);
        JsonNode sections = root.path("sections");
        if (!sections.isArray() || sections.isEmpty()) {
            throw new IllegalArgumentException(source + ": 'sections' must be a non-empty array");
        }
        List<TemplateSection> out = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            JsonNode s = sections.get(i);
            String where = source + ": sections[" + i + "]";
            String title = text(s, "title", where);
            JsonNode slots = s.path("slots");
            if (!slots.isArray() || slots.isEmpty()) {
                throw new IllegalArgumentException(where + ".slots must be a non-empty array");
            }
            List<NoteSlot> parsed = new ArrayList<>();
            for (JsonNode slot : slots) {
                parsed.add(slot(slot.asText(), where));
            }
            out.add(new TemplateSection(title, parsed));
        }
        return new NoteTemplate(id, name, out);
    }

    private static NoteSlot slot(String name, String where) {
        try {
            return NoteSlot.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".slots: unknown slot '" + name + "'; known: "
                    + String.join(
                            ", ",
                            java.util.Arrays.stream(NoteSlot.values())
                                    .map(v -> v.name().toLowerCase(Locale.ROOT))
                                    .toList()));
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": '" + field + "' must be a non-empty string");
        }
        return v.asText();
    }
}
