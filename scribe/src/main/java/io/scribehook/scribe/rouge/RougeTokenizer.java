package io.scribehook.scribe.rouge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens ROUGE compares: the text lower-cased ({@link Locale#ROOT}) and split on every run of
 * characters that is not {@code [a-z0-9]}; empty pieces are dropped. No stemming, no stopword
 * removal, nothing else removed: {@code [patient_guest]} gives {@code patient} and {@code guest},
 * {@code it's} gives {@code it} and {@code s}, {@code 120/80} gives {@code 120} and {@code 80}.
 */
public final class RougeTokenizer {
    private RougeTokenizer() {}

    /** The tokens of {@code text} in order. */
    public static List<String> tokens(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean kept = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (kept && start < 0) {
                start = i;
            } else if (!kept && start >= 0) {
                out.add(lower.substring(start, i));
                start = -1;
            }
        }
        if (start >= 0) {
            out.add(lower.substring(start));
        }
        return out;
    }

    /** How many tokens {@link #tokens} would return, without building them. */
    public static int count(String text) {
        int count = 0;
        boolean in = false;
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            boolean kept = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (kept && !in) {
                count++;
            }
            in = kept;
        }
        return count;
    }
}
