package io.scribehook.scribe.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene index of transcript turns and note sections. It stores no text: each document holds
 * the passage's words (inverted, for matching), its {@code speaker} and {@code section} words, and,
 * as doc values, ids, kind, role and start time ({@link IndexFields}). A hit's snippet is highlighted
 * from the text the caller's {@link PassageSource} decrypts, re-analysed with the index analysis.
 * The folder is derived PHI (its terms are the transcripts' words).
 *
 * <p>Writes are per appointment ({@link #replaceAppointment}: all its documents at once), made
 * durable and visible by {@link #commit}, which also records the checkpoint (the last applied entry
 * of the database's index log) in the same Lucene commit. One instance per folder (Lucene's write
 * lock); writes are serialised, searches run concurrently.
 */
public final class TranscriptIndex implements Closeable {
    static final String CHECKPOINT = "scribehook.index_log_seq";
    private static final int MAX_SNIPPET_SOURCE = 100_000;
    private final Directory directory;
    private volatile IndexWriter writer;
    private volatile SearcherManager searchers;
    private final SearchAnalyzers analyzers;
    private final UnifiedHighlighter highlighter;
    private volatile long applied;
    private volatile boolean pending;

    private TranscriptIndex(Directory directory, SearchAnalyzers analyzers) throws IOException {
        this.directory = directory;
        this.analyzers = analyzers;
        this.writer = new IndexWriter(directory, config(analyzers));
        this.searchers = new SearcherManager(writer, null);
        this.highlighter = UnifiedHighlighter.builderWithoutSearcher(analyzers.index())
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "… ", true))
                .withMaxLength(MAX_SNIPPET_SOURCE)
                .build();
        this.applied = committedCheckpoint();
    }

    /**
     * Opens (creating when absent) the index in {@code folder}.
     *
     * @throws IOException when the folder cannot be used or another process holds its write lock
     */
    public static TranscriptIndex open(Path folder, SearchAnalyzers analyzers) throws IOException {
        Directory dir = FSDirectory.open(folder);
        try {
            return new TranscriptIndex(dir, analyzers);
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    private static IndexWriterConfig config(SearchAnalyzers analyzers) {
        return new IndexWriterConfig(analyzers.index())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCommitOnClose(false);
    }

    /** Drops every write since the last commit (a rebuild that failed half-way). */
    public synchronized void rollback() {
        try {
            searchers.close();
            writer.rollback();
            writer = new IndexWriter(directory, config(analyzers));
            searchers = new SearcherManager(writer, null);
            applied = committedCheckpoint();
            pending = false;
        } catch (IOException e) {
            throw new UncheckedIOException("index rollback failed", e);
        }
    }

    /** Replaces every document of the appointment by {@code passages} (none: the appointment leaves the index). */
    public synchronized void replaceAppointment(String appointmentId, List<IndexedPassage> passages) {
        try {
            writer.deleteDocuments(new Term(IndexFields.APPOINTMENT, appointmentId));
            List<Document> docs = new ArrayList<>(passages.size());
            for (IndexedPassage p : passages) {
                if (!p.ref().appointmentId().equals(appointmentId)) {
                    throw new IllegalArgumentException("a passage of another appointment");
                }
                docs.add(document(p));
            }
            writer.addDocuments(docs);
        } catch (IOException e) {
            throw new UncheckedIOException("index write failed", e);
        }
    }

    /** Removes every document (a rebuild starts with this). */
    public synchronized void deleteAll() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException("index write failed", e);
        }
    }

    /**
     * Makes the writes so far durable and searchable, recording {@code checkpoint} (the last index
     * log entry they reflect) in the same commit.
     */
    public synchronized void commit(long checkpoint) {
        try {
            writer.setLiveCommitData(
                    Map.of(CHECKPOINT, Long.toString(checkpoint)).entrySet());
            writer.commit();
            searchers.maybeRefreshBlocking();
            applied = checkpoint;
            pending = false;
        } catch (IOException e) {
            throw new UncheckedIOException("index commit failed", e);
        }
    }

    /**
     * Makes the writes so far searchable now (a near-real-time reader, no fsync), reflecting the log
     * up to {@code checkpoint}; {@link #commitPending} makes them durable later. After a crash the
     * index reopens at its last commit and the log entries since are applied again (a replacement
     * per appointment is idempotent).
     */
    public synchronized void refresh(long checkpoint) {
        try {
            searchers.maybeRefreshBlocking();
            applied = checkpoint;
            pending = true;
        } catch (IOException e) {
            throw new UncheckedIOException("index refresh failed", e);
        }
    }

    /** True when refreshed writes wait for {@link #commitPending}. */
    public boolean hasPending() {
        return pending;
    }

    /** Commits what {@link #refresh} made searchable, if anything. */
    public synchronized void commitPending() {
        if (pending) {
            commit(applied);
        }
    }

    /** The last log entry the searchable index reflects (committed or only refreshed); 0 for a new index. */
    public long checkpoint() {
        return applied;
    }

    /** The checkpoint of the last commit; 0 for a new index. */
    public long committedCheckpoint() {
        for (Map.Entry<String, String> e : writer.getLiveCommitData()) {
            if (CHECKPOINT.equals(e.getKey())) {
                return Long.parseLong(e.getValue());
            }
        }
        return 0;
    }

    /** True when nothing was ever committed with a checkpoint (a new or wiped folder). */
    public boolean isNew() {
        for (Map.Entry<String, String> e : writer.getLiveCommitData()) {
            if (CHECKPOINT.equals(e.getKey())) {
                return false;
            }
        }
        return true;
    }

    /** Documents visible to searches (passages indexed and committed). */
    public int documentCount() {
        try {
            SearcherManager manager = searchers;
            IndexSearcher s = manager.acquire();
            try {
                return s.getIndexReader().numDocs();
            } finally {
                manager.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a query in Lucene's classic syntax with the clinical synonyms; words are ANDed. */
    public Query parse(String query) throws QuerySyntaxException {
        return QueryText.parse(query, analyzers.query());
    }

    /**
     * The best {@code limit} hits for {@code query}, each with a snippet highlighted in the text
     * {@code source} gives back.
     *
     * @throws QuerySyntaxException when the query does not parse or expands to too many terms
     */
    public SearchResults search(String query, int limit, PassageSource source) throws QuerySyntaxException {
        Query q = parse(query);
        SearcherManager manager = searchers;
        IndexSearcher s;
        try {
            s = manager.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            TopDocs top;
            try {
                top = s.search(q, limit);
            } catch (IndexSearcher.TooManyClauses e) {
                throw new QuerySyntaxException("the query expands to too many terms (a wildcard or fuzzy term "
                        + "matches too much); make it more specific");
            }
            List<IndexFields.Row> rows = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc d : top.scoreDocs) {
                rows.add(IndexFields.read(s.getIndexReader(), d.doc, d.score));
            }
            Map<PassageRef, Passage> texts =
                    source.passages(rows.stream().map(IndexFields.Row::ref).toList());
            List<SearchHit> hits = new ArrayList<>(rows.size());
            for (IndexFields.Row r : rows) {
                Passage p = texts.get(r.ref());
                if (p != null) {
                    hits.add(new SearchHit(
                            r.ref(), r.score(), r.role(), r.startMillis(), p.speaker(), p.section(), snippet(q, p)));
                }
            }
            return new SearchResults(top.totalHits.value, top.totalHits.relation == TotalHits.Relation.EQUAL_TO, hits);
        } catch (IOException e) {
            throw new UncheckedIOException("index read failed", e);
        } finally {
            try {
                manager.release(s);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private String snippet(Query q, Passage p) throws IOException {
        Object h = highlighter.highlightWithoutSearcher(IndexFields.TEXT, q, p.text(), 1);
        return h == null ? "" : h.toString().strip();
    }

    private static Document document(IndexedPassage p) {
        PassageRef ref = p.ref();
        Document d = new Document();
        d.add(new StringField(IndexFields.APPOINTMENT, ref.appointmentId(), Field.Store.NO));
        d.add(new SortedDocValuesField(IndexFields.APPOINTMENT, new BytesRef(ref.appointmentId())));
        d.add(new SortedDocValuesField(IndexFields.TRANSCRIPT, new BytesRef(ref.transcriptId())));
        d.add(new TextField(IndexFields.KIND, ref.kind().id(), Field.Store.NO));
        d.add(new SortedDocValuesField(IndexFields.KIND, new BytesRef(ref.kind().id())));
        d.add(new NumericDocValuesField(IndexFields.SEQ, ref.seq()));
        d.add(new NumericDocValuesField(IndexFields.VERSION, ref.noteVersion()));
        d.add(new NumericDocValuesField(IndexFields.START, p.startMillis()));
        if (p.role() != null) {
            d.add(new TextField(IndexFields.ROLE, p.role(), Field.Store.NO));
            d.add(new SortedDocValuesField(IndexFields.ROLE, new BytesRef(p.role())));
        }
        if (p.speaker() != null) {
            d.add(new TextField(IndexFields.SPEAKER, p.speaker(), Field.Store.NO));
        }
        if (p.section() != null) {
            d.add(new TextField(IndexFields.SECTION, p.section(), Field.Store.NO));
        }
        d.add(new TextField(IndexFields.TEXT, p.text(), Field.Store.NO));
        return d;
    }

    /** Opens a point-in-time reader of the last commit (for inspection and tests). */
    public DirectoryReader openCommittedReader() throws IOException {
        return DirectoryReader.open(directory);
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            commitPending();
            searchers.close();
            writer.rollback();
        } finally {
            directory.close();
        }
    }
}
