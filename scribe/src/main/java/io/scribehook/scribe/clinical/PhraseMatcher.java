package io.scribehook.scribe.clinical;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds the longest phrase of a fixed set starting at a token. */
final class PhraseMatcher<T> {
    record Match<T>(int start, int end, T value) {}

    private record Phrase<T>(List<String> words, T value) {}

    private final Map<String, List<Phrase<T>>> byFirstWord = new HashMap<>();

    /** Adds a phrase (tokenised like the text); the first value added for a phrase wins. */
    PhraseMatcher<T> add(String phrase, T value) {
        List<String> words = TokenizedText.words(phrase);
        if (words.isEmpty()) {
            return this;
        }
        List<Phrase<T>> list = byFirstWord.computeIfAbsent(words.get(0), k -> new ArrayList<>());
        if (list.stream().noneMatch(p -> p.words().equals(words))) {
            list.add(new Phrase<>(words, value));
            list.sort(Comparator.comparingInt((Phrase<T> p) -> p.words().size()).reversed());
        }
        return this;
    }

    /** The longest phrase starting at {@code i}, or null. */
    Match<T> at(TokenizedText text, int i) {
        List<Phrase<T>> candidates = byFirstWord.get(text.word(i));
        if (candidates == null) {
            return null;
        }
        for (Phrase<T> p : candidates) {
            if (matches(text, i, p.words())) {
                return new Match<>(i, i + p.words().size(), p.value());
            }
        }
        return null;
    }

    /** Every non-overlapping longest match from left to right. */
    List<Match<T>> all(TokenizedText text) {
        List<Match<T>> out = new ArrayList<>();
        int i = 0;
        while (i < text.size()) {
            Match<T> m = at(text, i);
            if (m == null) {
                i++;
            } else {
                out.add(m);
                i = m.end();
            }
        }
        return out;
    }

    /** The first match whose start lies in {@code [from, to)}, or null. */
    Match<T> first(TokenizedText text, int from, int to) {
        for (int i = Math.max(0, from); i < Math.min(to, text.size()); i++) {
            Match<T> m = at(text, i);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    private static boolean matches(TokenizedText text, int i, List<String> words) {
        if (i + words.size() > text.size()) {
            return false;
        }
        for (int k = 0; k < words.size(); k++) {
            if (!words.get(k).equals(text.word(i + k))) {
                return false;
            }
        }
        return true;
    }
}
