package io.scribehook.scribe.note.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes what speech adds and notes leave out: fillers ("um", "uh", "you know") with the commas
 * around them, discourse words at the start of a sentence ("okay, so"), stutters ("i- i") and cut-off
 * words, and a word said twice in a row. Spacing before punctuation is normalised.
 */
final class Disfluencies {
    private static final Set<String> FILLERS =
            Set.of("um", "umm", "uh", "uhm", "er", "ah", "hmm", "mm", "mm-hmm", "uh-huh", "mhm");
    private static final Set<String> OPENERS =
            Set.of("okay", "ok", "so", "yeah", "like", "alright", "right", "well", "oh", "and", "but", "now");
    private static final Pattern PHRASES =
            Pattern.compile("\\b(you know|i mean|kind of|sort of)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern STUTTER =
            Pattern.compile("(?<![\\w'])([\\w']+)(?:-+\\s*\\1)+(?![\\w])", Pattern.CASE_INSENSITIVE);
    private static final Pattern FRAGMENT = Pattern.compile("(?<![\\w'])[\\w']{0,2}-+(?=\\s|[,.?!]|$)");
    private static final Pattern CUT_OFF = Pattern.compile("(?<=[\\w'])-+(?=\\s|[,.?!]|$)");
    private static final Pattern SPACE_BEFORE_PUNCT = Pattern.compile("\\s+([,.?!;:])");

    private Disfluencies() {}

    static String clean(String text) {
        String s = PHRASES.matcher(text).replaceAll(" ");
        if (s.indexOf('-') >= 0) {
            s = STUTTER.matcher(s).replaceAll("$1");
            s = FRAGMENT.matcher(s).replaceAll(" ");
            s = CUT_OFF.matcher(s).replaceAll("");
        }
        s = s.replace(" n't", "n't");
        s = SPACE_BEFORE_PUNCT.matcher(s).replaceAll(" $1");
        List<String> out = new ArrayList<>();
        String previous = null;
        boolean dropComma = false;
        for (String w : s.strip().split("\\s+")) {
            if (w.isEmpty()) {
                continue;
            }
            String bare = w.toLowerCase(Locale.ROOT);
            if (bare.equals(",")) {
                if (!dropComma && !out.isEmpty() && !out.get(out.size() - 1).equals(",")) {
                    out.add(w);
                }
                dropComma = false;
                continue;
            }
            boolean atStart = out.isEmpty();
            if (FILLERS.contains(bare) || (atStart && OPENERS.contains(bare))) {
                if (!out.isEmpty() && out.get(out.size() - 1).equals(",")) {
                    out.remove(out.size() - 1);
                }
                dropComma = true;
                continue;
            }
            dropComma = false;
            if (bare.equals(previous) && Character.isLetter(bare.charAt(0))) {
                continue;
            }
            out.add(w);
            previous = bare;
        }
        while (!out.isEmpty() && out.get(0).matches("[,.;:]+")) {
            out.remove(0);
        }
        return SPACE_BEFORE_PUNCT
                .matcher(String.join(" ", out))
                .replaceAll("$1")
                .strip();
    }
}
