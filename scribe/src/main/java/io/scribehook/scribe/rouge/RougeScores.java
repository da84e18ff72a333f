package io.scribehook.scribe.rouge;

import java.util.Locale;

/**
 * ROUGE-1, ROUGE-2 and ROUGE-L F1, each in [0, 1] for one pair or averaged over many.
 *
 * @param rouge1 unigram overlap F1
 * @param rouge2 bigram overlap F1
 * @param rougeL longest common subsequence F1
 */
public record RougeScores(double rouge1, double rouge2, double rougeL) {

    /** The three scores ×100, two decimals: {@code R1 34.18 R2 13.99 RL 20.23}. */
    public String formatPercent() {
        return String.format(Locale.ROOT, "R1 %.2f R2 %.2f RL %.2f", rouge1 * 100, rouge2 * 100, rougeL * 100);
    }
}
