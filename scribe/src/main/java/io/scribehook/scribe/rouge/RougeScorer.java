package io.scribehook.scribe.rouge;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ROUGE-1/2/L F1 of a candidate note against a reference note.
 *
 * <p>The rule, calibrated against ACI-BENCH: both texts are tokenised by {@link RougeTokenizer}
 * (lower-case alphanumeric runs; tags such as {@code [doctor]} count as tokens like any other
 * word). ROUGE-N counts clipped n-gram overlaps (an n-gram matches at most as often as it occurs
 * in each text); precision is overlap over the candidate's n-grams, recall over the reference's,
 * F1 their harmonic mean (0 when there is no overlap). ROUGE-L is the longest common subsequence
 * of the two whole token sequences (not summary-level, no sentence split), with precision LCS
 * over candidate length and recall LCS over reference length. Over many encounters, {@link
 * #average} is the plain mean of the per-encounter F1s (macro average).
 *
 * <p>Check: on ACI-BENCH's {@code valid} split (20 encounters), the {@code dialogue} column as
 * shipped scored against the {@code note} column gives R1 34.18, R2 13.99, RL 20.23 (×100).
 * Removing the speaker tags would give 34.56/14.46 instead, so they stay.
 */
public final class RougeScorer {
    private RougeScorer() {}

    /** A candidate and its reference note. */
    public record Pair(String candidate, String reference) {}

    /** The three F1 scores of one candidate against one reference. */
    public static RougeScores score(String candidate, String reference) {
        List<String> c = RougeTokenizer.tokens(candidate);
        List<String> r = RougeTokenizer.tokens(reference);
        return new RougeScores(ngramF1(c, r, 1), ngramF1(c, r, 2), lcsF1(c, r));
    }

    /** The mean of the per-pair F1 scores; all zero for no pairs. */
    public static RougeScores average(List<Pair> pairs) {
        double r1 = 0;
        double r2 = 0;
        double rl = 0;
        for (Pair p : pairs) {
            RougeScores s = score(p.candidate(), p.reference());
            r1 += s.rouge1();
            r2 += s.rouge2();
            rl += s.rougeL();
        }
        int n = pairs.size();
        return n == 0 ? new RougeScores(0, 0, 0) : new RougeScores(r1 / n, r2 / n, rl / n);
    }

    static double ngramF1(List<String> candidate, List<String> reference, int n) {
        Map<List<String>, Integer> c = ngrams(candidate, n);
        Map<List<String>, Integer> r = ngrams(reference, n);
        long overlap = 0;
        for (Map.Entry<List<String>, Integer> e : c.entrySet()) {
            overlap += Math.min(e.getValue(), r.getOrDefault(e.getKey(), 0));
        }
        return f1(overlap, Math.max(0, candidate.size() - n + 1), Math.max(0, reference.size() - n + 1));
    }

    static int lcs(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (String x : a) {
            for (int j = 0; j < b.size(); j++) {
                cur[j + 1] = x.equals(b.get(j)) ? prev[j] + 1 : Math.max(prev[j + 1], cur[j]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.size()];
    }

    private static double lcsF1(List<String> candidate, List<String> reference) {
        return f1(lcs(candidate, reference), candidate.size(), reference.size());
    }

    private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            counts.merge(tokens.subList(i, i + n), 1, Integer::sum);
        }
        return counts;
    }

    private static double f1(long overlap, long candidateCount, long referenceCount) {
        if (overlap == 0 || candidateCount == 0 || referenceCount == 0) {
            return 0;
        }
        double precision = (double) overlap / candidateCount;
        double recall = (double) overlap / referenceCount;
        return 2 * precision * recall / (precision + recall);
    }
}
