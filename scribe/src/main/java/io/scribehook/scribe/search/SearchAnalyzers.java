package io.scribehook.scribe.search;

import io.scribehook.scribe.clinical.ClinicalLexicon;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * The two analyses of transcript and note text. Both split words (Unicode rules), drop possessives,
 * fold to lower-case ASCII and stem (KStem: "knees" and "knee" match). The query side applies the
 * clinical synonyms ({@link ClinicalSynonyms}) before stemming, as a token graph, so a multi-word
 * synonym becomes a phrase; the index side has none (synonyms at query time only: the lexicon can
 * change without a reindex). The highlighter re-analyses decrypted text with {@link #index()}.
 */
public final class SearchAnalyzers {
    private final Analyzer index;
    private final Analyzer query;

    private SearchAnalyzers(SynonymMap synonyms) {
        this.index = new Chain(null);
        this.query = new Chain(synonyms);
    }

    /** The analyzers with the synonyms of {@code lexicon}. */
    public static SearchAnalyzers of(ClinicalLexicon lexicon) {
        try (Analyzer words = new Words()) {
            return new SearchAnalyzers(ClinicalSynonyms.map(lexicon, words));
        }
    }

    /** Index-time analysis (and the highlighter's). */
    public Analyzer index() {
        return index;
    }

    /** Query-time analysis, with synonyms. */
    public Analyzer query() {
        return query;
    }

    private static TokenStream words(Tokenizer source) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(new EnglishPossessiveFilter(source)));
    }

    /** Tokenizer, lower case, folding: what a lexicon phrase goes through before it is a synonym. */
    private static final class Words extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, words(source));
        }
    }

    private static final class Chain extends Analyzer {
        private final SynonymMap synonyms;

        Chain(SynonymMap synonyms) {
            this.synonyms = synonyms;
        }

        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new StandardTokenizer();
            TokenStream t = words(source);
            if (synonyms != null) {
                t = new SynonymGraphFilter(t, synonyms, true);
            }
            return new TokenStreamComponents(source, new KStemFilter(t));
        }
    }
}
