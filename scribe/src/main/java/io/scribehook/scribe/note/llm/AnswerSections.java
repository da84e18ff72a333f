package io.scribehook.scribe.note.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scribehook.scribe.note.NoteTemplate;
import io.scribehook.scribe.note.TemplateSection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the model's JSON object onto a template's sections by title: case, punctuation, spacing
 * and {@code &} versus {@code and} do not matter. Accepts the object itself, one wrapping it (such as
 * {@code {"note": {...}}}), or {@code {"sections": [{"title": ..., "text": ...}]}}. A value may be a
 * string, a list of strings, or an object of strings (joined). Sections the answer lacks are
 * empty; keys the template lacks are ignored.
 */
final class AnswerSections {

    private AnswerSections() {}

    /** The text of each template section, in template order; empty strings for missing ones. */
    static List<String> texts(ObjectNode answer, NoteTemplate template) {
        Map<String, JsonNode> byTitle = index(answer, template);
        List<String> out = new ArrayList<>();
        for (TemplateSection s : template.sections()) {
            JsonNode value = byTitle.get(normalise(s.title()));
            out.add(value == null ? "" : text(value).strip());
        }
        return out;
    }

    private static Map<String, JsonNode> index(ObjectNode answer, NoteTemplate template) {
        Map<String, JsonNode> direct = byKey(answer);
        if (matches(direct, template) > 0) {
            return direct;
        }
        JsonNode sections = answer.get("sections");
        if (sections != null && sections.isArray()) {
            Map<String, JsonNode> listed = new HashMap<>();
            for (JsonNode s : sections) {
                JsonNode title = s.has("title") ? s.get("title") : s.get("section");
                JsonNode text = s.has("text") ? s.get("text") : s.get("content");
                if (title != null && title.isTextual() && text != null) {
                    listed.putIfAbsent(normalise(title.asText()), text);
                }
            }
            return listed;
        }
        if (answer.size() == 1 && answer.elements().next() instanceof ObjectNode inner) {
            return byKey(inner);
        }
        return direct;
    }

    private static Map<String, JsonNode> byKey(ObjectNode object) {
        Map<String, JsonNode> out = new HashMap<>();
        object.properties().forEach(e -> out.putIfAbsent(normalise(e.getKey()), e.getValue()));
        return out;
    }

    private static int matches(Map<String, JsonNode> byTitle, NoteTemplate template) {
        int n = 0;
        for (TemplateSection s : template.sections()) {
            if (byTitle.containsKey(normalise(s.title()))) {
                n++;
            }
        }
        return n;
    }

    private static String text(JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode element : value) {
            String t = text(element).strip();
            if (!t.isEmpty()) {
                parts.add(t);
            }
        }
        return String.join("\n", parts);
    }

    static String normalise(String title) {
        return title.toLowerCase(Locale.ROOT)
                .replace("&", " and ")
                .replaceAll("[^\\p{L}\\p{N}]+", " ")
                .strip();
    }
}
