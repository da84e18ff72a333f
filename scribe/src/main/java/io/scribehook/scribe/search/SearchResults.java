package io.scribehook.scribe.search;

import java.util.List;

/**
 * The answer to a query: the best hits, highest score first.
 *
 * @param totalHits how many passages match (a lower bound when {@code totalExact} is false)
 */
public record SearchResults(long totalHits, boolean totalExact, List<SearchHit> hits) {
    public SearchResults {
        hits = List.copyOf(hits);
    }
}
