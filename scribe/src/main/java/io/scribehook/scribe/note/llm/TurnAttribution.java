package io.scribehook.scribe.note.llm;

import io.scribehook.scribe.vtt.Cue;
import io.scribehook.scribe.vtt.CueTimes;
import io.scribehook.scribe.vtt.Turn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds where in the transcript a drafted sentence comes from, so an LLM's note stays traceable:
 * the turns sharing the most content words with it, each word weighted by how rare it is among
 * the turns (inverse document frequency). Greedy: the best turn first, then up to {@value
 * #MAX_TURNS} in all while another adds two or more words the chosen ones do not cover; within a
 * turn, only the span of the cues that share most with the sentence. A sentence sharing no content word with any
 * turn gets no cue times.
 */
final class TurnAttribution {
    static final int MAX_TURNS = 3;

    private static final Set<String> STOP_WORDS = Set.of(
            "a",
            "an",
            "the",
            "and",
            "or",
            "but",
            "of",
            "to",
            "in",
            "on",
            "at",
            "for",
            "with",
            "from",
            "by",
            "as",
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "being",
            "has",
            "have",
            "had",
            "do",
            "does",
            "did",
            "it",
            "its",
            "this",
            "that",
            "these",
            "those",
            "he",
            "she",
            "they",
            "him",
            "her",
            "his",
            "hers",
            "them",
            "their",
            "i",
            "me",
            "my",
            "you",
            "your",
            "we",
            "our",
            "us",
            "not",
            "no",
            "yes",
            "so",
            "if",
            "then",
            "there",
            "here",
            "what",
            "which",
            "who",
            "when",
            "how",
            "about",
            "also",
            "any",
            "some",
            "all",
            "very",
            "just",
            "can",
            "will",
            "would",
            "should",
            "could",
            "patient",
            "reports",
            "report",
            "reported",
            "states",
            "stated",
            "notes",
            "noted",
            "denies",
            "says",
            "said",
            "okay",
            "yeah",
            "um",
            "uh",
            "like",
            "know",
            "well",
            "right");

    private final List<Turn> turns;
    private final List<Set<String>> turnWords = new ArrayList<>();
    private final Map<String, Double> weights = new HashMap<>();

    TurnAttribution(List<Turn> turns) {
        this.turns = List.copyOf(turns);
        Map<String, Integer> df = new HashMap<>();
        for (Turn t : this.turns) {
            Set<String> words = contentWords(t.text());
            turnWords.add(words);
            words.forEach(w -> df.merge(w, 1, Integer::sum));
        }
        df.forEach((w, n) -> weights.put(w, Math.log(1.0 + (double) this.turns.size() / n)));
    }

    /**
     * Where {@code sentence} comes from, in transcript order: for each turn it draws on, the span
     * from the first to the last of the turn's cues that share a content word with it.
     */
    List<CueTimes> cuesOf(String sentence) {
        Set<String> words = contentWords(sentence);
        words.retainAll(weights.keySet());
        Set<String> uncovered = new HashSet<>(words);
        List<Integer> chosen = new ArrayList<>();
        while (!uncovered.isEmpty() && chosen.size() < MAX_TURNS) {
            int best = -1;
            double bestScore = 0;
            for (int i = 0; i < turns.size(); i++) {
                if (chosen.contains(i)) {
                    continue;
                }
                double score = 0;
                for (String w : turnWords.get(i)) {
                    if (uncovered.contains(w)) {
                        score += weights.get(w);
                    }
                }
                if (score > bestScore) {
                    best = i;
                    bestScore = score;
                }
            }
            if (best < 0 || (!chosen.isEmpty() && shared(best, uncovered) < 2)) {
                break;
            }
            chosen.add(best);
            uncovered.removeAll(turnWords.get(best));
        }
        return chosen.stream()
                .sorted(Comparator.naturalOrder())
                .map(i -> span(turns.get(i), words))
                .toList();
    }

    /** From the first to the last cue of {@code turn} sharing at least half as much weight with the sentence as the best cue. */
    private CueTimes span(Turn turn, Set<String> words) {
        List<Cue> cues = turn.cues();
        double[] scores = new double[cues.size()];
        double best = 0;
        for (int i = 0; i < cues.size(); i++) {
            for (String w : contentWords(cues.get(i).text())) {
                if (words.contains(w)) {
                    scores[i] += weights.get(w);
                }
            }
            best = Math.max(best, scores[i]);
        }
        int first = -1;
        int last = -1;
        for (int i = 0; i < cues.size(); i++) {
            if (best > 0 && scores[i] >= best / 2) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        return first < 0
                ? CueTimes.of(turn)
                : new CueTimes(cues.get(first).start(), cues.get(last).end());
    }

    private int shared(int turn, Set<String> words) {
        int n = 0;
        for (String w : turnWords.get(turn)) {
            if (words.contains(w)) {
                n++;
            }
        }
        return n;
    }

    /** Lower-case letters-and-digits words, stop words dropped, crudely stemmed so "takes" meets "taking". */
    static Set<String> contentWords(String text) {
        Set<String> out = new HashSet<>();
        for (String raw : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (raw.isEmpty() || STOP_WORDS.contains(raw) || (raw.length() < 2 && !Character.isDigit(raw.charAt(0)))) {
                continue;
            }
            out.add(stem(raw));
        }
        return out;
    }

    private static String stem(String w) {
        String s = w;
        for (String suffix : new String[] {"ing", "ed", "es", "s"}) {
            if (s.endsWith(suffix) && s.length() - suffix.length() >= 3) {
                s = s.substring(0, s.length() - suffix.length());
                break;
            }
        }
        return s.endsWith("e") && s.length() >= 4 ? s.substring(0, s.length() - 1) : s;
    }
}
