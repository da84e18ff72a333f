package io.scribehook.scribe.note.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a section's text into sentences: at line breaks (list items become sentences, their
 * bullets dropped) and after {@code . ! ?} followed by a space and a capital, digit or bracket,
 * except after common abbreviations such as {@code Dr.} or {@code e.g.}.
 */
final class SentenceSplitter {
    private static final Pattern BULLET = Pattern.compile("^(?:[-*•·]|\\d{1,2}[.)])\\s+");
    private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?][\"')\\]]?)\\s+(?=[\\p{Lu}\\p{N}\\[(\"])");
    private static final List<String> ABBREVIATIONS = List.of(
            "dr.", "mr.", "mrs.", "ms.", "e.g.", "i.e.", "vs.", "approx.", "st.", "no.", "pt.", "b.i.d.", "t.i.d.",
            "q.d.", "p.o.", "etc.");

    private SentenceSplitter() {}

    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String item = BULLET.matcher(line.strip()).replaceFirst("").strip();
            if (item.isEmpty()) {
                continue;
            }
            StringBuilder pending = new StringBuilder();
            for (String piece : BOUNDARY.split(item)) {
                if (!pending.isEmpty()) {
                    pending.append(' ');
                }
                pending.append(piece);
                if (!endsWithAbbreviation(piece)) {
                    out.add(pending.toString());
                    pending.setLength(0);
                }
            }
            if (!pending.isEmpty()) {
                out.add(pending.toString());
            }
        }
        return out;
    }

    private static boolean endsWithAbbreviation(String piece) {
        int space = piece.lastIndexOf(' ');
        String last = piece.substring(space + 1).toLowerCase(java.util.Locale.ROOT);
        return ABBREVIATIONS.contains(last);
    }
}
