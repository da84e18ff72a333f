package io.scribehook.scribe.vtt;

import java.util.regex.Pattern;

/**
 * Decides whether the text before the first {@code ": "} of a cue is a speaker's name.
 *
 * <p>A name is one to four words of letters, apostrophes, hyphens and periods, each word with at
 * least one letter, and no digits; an all-capital abbreviation of two or three letters ({@code BP},
 * {@code HR}, {@code PMH}) is not a name, so {@code BP: 120/80} stays text.
 */
public final class SpeakerNames {
    private static final Pattern WORD = Pattern.compile("[\\p{L}'’.\\-]*\\p{L}[\\p{L}'’.\\-]*");
    private static final Pattern ABBREVIATION = Pattern.compile("\\p{Lu}{2,3}");
    private static final int MAX_WORDS = 4;

    private SpeakerNames() {}

    /** True when {@code prefix} looks like a speaker's name. */
    public static boolean looksLikeName(String prefix) {
        String p = prefix.strip();
        if (p.isEmpty()) {
            return false;
        }
        String[] words = p.split("\\s+");
        if (words.length > MAX_WORDS) {
            return false;
        }
        for (String w : words) {
            if (!WORD.matcher(w).matches()) {
                return false;
            }
        }
        String letters = p.replaceAll("[^\\p{L}]", "");
        return !ABBREVIATION.matcher(letters).matches();
    }
}
