package io.scribehook.receiver.scribe;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.scribehook.core.http.ApiException;
import io.scribehook.scribe.search.QuerySyntaxException;
import io.scribehook.scribe.search.SearchHit;
import io.scribehook.scribe.search.SearchResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Search over transcripts and notes, under {@code /api/scribe} (admin token, like the rest):
 * {@code GET /api/scribe/search?q=...&limit=10} answers the best hits with highlighted snippets;
 * {@code POST /api/scribe/reindex} starts a rebuild of this instance's index from the database and
 * {@code GET /api/scribe/reindex} tells how far it is. A query that does not parse is a 400
 * {@code invalid_query} naming the problem, never repeating the query.
 */
public final class ScribeSearchRoutes {
    static final int MAX_LIMIT = 50;
    private final Optional<SearchIndexer> indexer;

    /** @param indexer empty when search is off (no data key): the routes answer 503 */
    public ScribeSearchRoutes(Optional<SearchIndexer> indexer) {
        this.indexer = indexer;
    }

    public void register(RoutesConfig r) {
        r.get("/api/scribe/search", this::search);
        r.post("/api/scribe/reindex", this::reindex);
        r.get("/api/scribe/reindex", ctx -> ctx.json(indexer().status().json()));
    }

    private SearchIndexer indexer() {
        return indexer.orElseThrow(() -> new ApiException(
                503,
                "search_unavailable",
                "search needs SCRIBEHOOK_DATA_KEY (the index is built from decrypted transcripts and notes)"));
    }

    private void search(Context ctx) {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw ApiException.invalidRequest("q is required: the words to search for");
        }
        int limit = limit(ctx.queryParam("limit"));
        SearchResults results;
        try {
            results = indexer().search(q, limit);
        } catch (QuerySyntaxException e) {
            throw new ApiException(400, "invalid_query", e.getMessage());
        }
        List<Map<String, Object>> hits = new ArrayList<>();
        for (SearchHit h : results.hits()) {
            hits.add(hit(h));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", results.totalHits());
        body.put("total_exact", results.totalExact());
        body.put("hits", hits);
        ctx.json(body);
    }

    static Map<String, Object> hit(SearchHit h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("appointment_id", h.ref().appointmentId());
        m.put("score", h.score());
        m.put("snippet", h.snippet());
        m.put("start", h.startMillis() < 0 ? null : h.startMillis() / 1000.0);
        m.put("kind", h.ref().kind().id());
        m.put("transcript_id", h.ref().transcriptId());
        if (h.ref().kind() == io.scribehook.scribe.search.PassageRef.Kind.NOTE) {
            m.put("note_version", h.ref().noteVersion());
            m.put("section", h.section());
        } else {
            m.put("turn", h.ref().seq());
            m.put("speaker", h.speaker());
            m.put("role", h.role());
        }
        return m;
    }

    private void reindex(Context ctx) {
        SearchIndexer s = indexer();
        boolean started = s.requestRebuild();
        Map<String, Object> body = new LinkedHashMap<>(s.status().json());
        body.put("started", started);
        ctx.status(202).json(body);
    }

    private static int limit(String text) {
        if (text == null) {
            return 10;
        }
        try {
            int v = Integer.parseInt(text);
            if (v >= 1 && v <= MAX_LIMIT) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.invalidRequest("limit '" + text + "' must be an integer from 1 to " + MAX_LIMIT);
    }
}
