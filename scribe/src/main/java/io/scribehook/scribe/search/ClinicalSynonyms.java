package io.scribehook.scribe.search;

import io.scribehook.scribe.clinical.ClinicalLexicon;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;

/**
 * Lucene's {@link SynonymMap} built from the shipped {@link ClinicalLexicon}: each clinical term is
 * equivalent to its lay synonyms and abbreviations ("hypertension", "high blood pressure", "htn"),
 * and each generic drug to its brand names ("atorvastatin", "lipitor"). Equivalence is both ways;
 * phrases are analysed with the same words analysis as the text, so multi-word synonyms match.
 */
public final class ClinicalSynonyms {
    private ClinicalSynonyms() {}

    /** The synonym groups of the lexicon: every member of a group means each other member. */
    static List<Set<String>> groups(ClinicalLexicon lexicon) {
        List<Set<String>> groups = new ArrayList<>();
        for (ClinicalLexicon.ClinicalTerm t : lexicon.terms()) {
            Set<String> g = new LinkedHashSet<>();
            g.add(t.term());
            g.addAll(t.synonyms());
            groups.add(g);
        }
        Map<String, Set<String>> byGeneric = new LinkedHashMap<>();
        for (ClinicalLexicon.MedicationName m : lexicon.medications()) {
            Set<String> g = byGeneric.computeIfAbsent(m.generic(), k -> new LinkedHashSet<>(List.of(k)));
            g.add(m.name());
        }
        groups.addAll(byGeneric.values());
        groups.removeIf(g -> g.size() < 2);
        return groups;
    }

    /**
     * The synonym map of the lexicon.
     *
     * @param words the analysis a phrase goes through before synonyms (tokenizer, lower case, folding)
     */
    public static SynonymMap map(ClinicalLexicon lexicon, Analyzer words) {
        SynonymMap.Builder b = new SynonymMap.Builder(true);
        for (Set<String> group : groups(lexicon)) {
            List<CharsRef> phrases = new ArrayList<>();
            for (String phrase : group) {
                CharsRef r = analyse(words, phrase);
                if (r != null) {
                    phrases.add(r);
                }
            }
            for (CharsRef from : phrases) {
                for (CharsRef to : phrases) {
                    if (!from.equals(to)) {
                        b.add(from, to, true);
                    }
                }
            }
        }
        try {
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the clinical synonym map", e);
        }
    }

    private static CharsRef analyse(Analyzer words, String phrase) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = words.tokenStream("synonym", phrase)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.isEmpty() ? null : SynonymMap.Builder.join(out.toArray(String[]::new), new CharsRefBuilder());
    }
}
