package io.scribehook.scribe.clinical;

import io.scribehook.scribe.vtt.Cue;
import io.scribehook.scribe.vtt.CueTimes;
import io.scribehook.scribe.vtt.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A turn's text as lower-case tokens (words, numbers, sentence punctuation), each knowing the cue
 * it came from. Hyphens and quotes separate words; {@code n't} is a word of its own or the end of
 * one, as speech-recognition text and normal text write it.
 */
final class TokenizedText {
    private static final String PUNCTUATION = ".?!;:,%/";
    private static final Set<String> SENTENCE_ENDS = Set.of(".", "?", "!", ";");

    private final List<String> words;
    private final List<Cue> cues;
    private final int[] cueOf;
    private final CueTimes turnTimes;

    private TokenizedText(List<String> words, List<Cue> cues, int[] cueOf, CueTimes turnTimes) {
        this.words = words;
        this.cues = cues;
        this.cueOf = cueOf;
        this.turnTimes = turnTimes;
    }

    static TokenizedText of(Turn turn) {
        List<String> words = new ArrayList<>();
        List<Integer> cueIndex = new ArrayList<>();
        for (int c = 0; c < turn.cues().size(); c++) {
            for (String w : words(turn.cues().get(c).text())) {
                words.add(w);
                cueIndex.add(c);
            }
        }
        int[] cueOf = cueIndex.stream().mapToInt(Integer::intValue).toArray();
        return new TokenizedText(List.copyOf(words), turn.cues(), cueOf, CueTimes.of(turn));
    }

    /** The tokens of a phrase, lower case. */
    static List<String> words(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        int n = t.length();
        int i = 0;
        while (i < n) {
            char c = t.charAt(i);
            if (isDigit(c)
                    || (c == '.' && i + 1 < n && isDigit(t.charAt(i + 1)) && (i == 0 || !isDigit(t.charAt(i - 1))))) {
                int j = c == '.' ? i : digits(t, i);
                while (j + 3 < n
                        && t.charAt(j) == ','
                        && isDigit(t.charAt(j + 1))
                        && isDigit(t.charAt(j + 2))
                        && isDigit(t.charAt(j + 3))
                        && (j + 4 >= n || !isDigit(t.charAt(j + 4)))) {
                    j += 4;
                }
                if (j + 1 < n && t.charAt(j) == '.' && isDigit(t.charAt(j + 1))) {
                    j = digits(t, j + 1);
                }
                String number = t.substring(i, j);
                out.add(c == '.' ? "0" + number : number);
                i = j;
            } else if (Character.isLetter(c)) {
                int j = i + 1;
                while (j < n) {
                    char d = t.charAt(j);
                    if (Character.isLetterOrDigit(d)) {
                        j++;
                    } else if (isApostrophe(d) && j + 1 < n && Character.isLetter(t.charAt(j + 1))) {
                        j += 2;
                        while (j < n && Character.isLetter(t.charAt(j))) {
                            j++;
                        }
                        if (j < n && !isApostrophe(t.charAt(j))) {
                            break;
                        }
                    } else {
                        break;
                    }
                }
                out.add(t.substring(i, j).replace('\u2019', '\'').replace('\u2018', '\''));
                i = j;
            } else {
                if (PUNCTUATION.indexOf(c) >= 0) {
                    out.add(String.valueOf(c));
                }
                i++;
            }
        }
        return out;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019' || c == '\u2018';
    }

    private static int digits(String t, int from) {
        int j = from;
        while (j < t.length() && isDigit(t.charAt(j))) {
            j++;
        }
        return j;
    }

    List<String> words() {
        return words;
    }

    int size() {
        return words.size();
    }

    String word(int i) {
        return i >= 0 && i < words.size() ? words.get(i) : "";
    }

    boolean is(int i, String... options) {
        String w = word(i);
        for (String o : options) {
            if (o.equals(w)) {
                return true;
            }
        }
        return false;
    }

    boolean isSentenceEnd(int i) {
        return SENTENCE_ENDS.contains(word(i));
    }

    /** The first index after {@code i}'s sentence (the sentence end's index, or the size). */
    int sentenceEnd(int i) {
        int j = i;
        while (j < words.size() && !isSentenceEnd(j)) {
            j++;
        }
        return j;
    }

    /** The first index of {@code i}'s sentence. */
    int sentenceStart(int i) {
        int j = Math.min(i, words.size()) - 1;
        while (j >= 0 && !isSentenceEnd(j)) {
            j--;
        }
        return j + 1;
    }

    /** True when the sentence holding {@code i} ends with a question mark. */
    boolean inQuestion(int i) {
        return word(sentenceEnd(i)).equals("?");
    }

    CueTimes source(int i) {
        if (cueOf.length == 0) {
            return turnTimes;
        }
        return CueTimes.of(cues.get(cueOf[Math.max(0, Math.min(i, cueOf.length - 1))]));
    }
}
