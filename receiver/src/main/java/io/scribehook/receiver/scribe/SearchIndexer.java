package io.scribehook.receiver.scribe;

import io.scribehook.core.crypto.FieldCipher;
import io.scribehook.scribe.clinical.ClinicalLexicon;
import io.scribehook.scribe.search.IndexedPassage;
import io.scribehook.scribe.search.QuerySyntaxException;
import io.scribehook.scribe.search.SearchAnalyzers;
import io.scribehook.scribe.search.SearchResults;
import io.scribehook.scribe.search.TranscriptIndex;
import io.scribehook.store.Database;
import io.scribehook.store.Notifications;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's search index kept up with the database. The index (a folder of its own per
 * instance) records as its checkpoint the last {@link IndexLog} entry it reflects; {@link #catchUp}
 * applies the entries after it, re-reading each named appointment's current passages
 * ({@link SearchPassages}), and makes them searchable at once (a near-real-time refresh); the
 * background thread commits them with the new checkpoint within {@link #COMMIT_EVERY} (a crash
 * before that re-applies the entries from the log). It runs on the caller's thread
 * right after this instance stores a note ({@link #indexed}), on a background thread when another
 * instance's commit is notified, and every {@code poll} in case a notification was missed. A new
 * (or wiped) index is rebuilt from the database first ({@link #rebuild}). Index writes are
 * serialised by this object; searches run concurrently on the last commit.
 */
public final class SearchIndexer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexer.class);
    static final int BATCH = 200;
    private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(1);
    /** How long a refreshed (searchable) change may wait for its durable commit. */
    static final Duration COMMIT_EVERY = Duration.ofSeconds(1);

    private final Database db;
    private final SearchPassages passages;
    private final TranscriptIndex index;
    private final Duration poll;
    private final Semaphore wake = new Semaphore(0);
    /** Entries this instance's jobs apply themselves ({@link #willIndex}): their notices wake no one. */
    private final Set<Long> ownEntries = ConcurrentHashMap.newKeySet();

    private final Runnable unsubscribe;
    private final Thread thread;
    private final ReindexStatus status = new ReindexStatus();
    private volatile boolean closed;

    private SearchIndexer(Database db, FieldCipher cipher, TranscriptIndex index, Duration poll) {
        this.db = db;
        this.passages = new SearchPassages(db, cipher);
        this.index = index;
        this.poll = poll;
        Notifications n = db.notifications();
        this.unsubscribe = n.subscribe(IndexLog.CHANNEL, (source, payload) -> {
            if (!ownEntry(payload)) {
                wake.release();
            }
        });
        this.thread = Thread.ofPlatform().name("scribe-indexer").daemon().unstarted(this::loop);
    }

    /**
     * Opens the index in {@code folder} (created when absent) and starts following the log; a new
     * index is first rebuilt in the background.
     *
     * @throws UncheckedIOException when the folder cannot be used (another process holds it, say)
     */
    public static SearchIndexer start(Database db, FieldCipher cipher, Path folder, Duration poll) {
        SearchIndexer s = open(db, cipher, folder, poll);
        s.thread.start();
        return s;
    }

    /** Opens without a background thread: for {@code scribehook scribe reindex} on the database directly. */
    public static SearchIndexer open(Database db, FieldCipher cipher, Path folder, Duration poll) {
        try {
            Files.createDirectories(folder);
            return new SearchIndexer(
                    db, cipher, TranscriptIndex.open(folder, SearchAnalyzers.of(ClinicalLexicon.defaults())), poll);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + folder + ": " + e.getMessage(), e);
        }
    }

    private void loop() {
        Duration backoff = poll;
        boolean first = true;
        long lastCommit = System.nanoTime();
        while (!closed) {
            try {
                if (first && index.isNew()) {
                    rebuild(ReindexStatus.Progress.NONE);
                }
                first = false;
                catchUp();
                backoff = poll;
                if (index.hasPending() && System.nanoTime() - lastCommit >= COMMIT_EVERY.toNanos()) {
                    commitPending();
                    lastCommit = System.nanoTime();
                }
                Duration idle = index.hasPending() && COMMIT_EVERY.compareTo(poll) < 0 ? COMMIT_EVERY : poll;
                wake.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn(
                        "search index: catching up failed ({}); trying again in {}",
                        e.getClass().getSimpleName(),
                        backoff);
                try {
                    wake.tryAcquire(backoff.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(LONGEST_BACKOFF) > 0
                        ? LONGEST_BACKOFF
                        : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * Applies every log entry after the checkpoint; returns how many were applied. Called after a
     * local store, it makes the note searchable before the job finishes.
     */
    public synchronized int catchUp() {
        int applied = 0;
        while (true) {
            long from = index.checkpoint();
            List<IndexLog.Entry> entries = db.jdbi().withHandle(h -> IndexLog.after(h, from, BATCH));
            if (entries.isEmpty()) {
                return applied;
            }
            Set<String> appointments = new LinkedHashSet<>();
            entries.forEach(e -> appointments.add(e.appointmentId()));
            for (String a : appointments) {
                List<IndexedPassage> p = db.jdbi().withHandle(h -> passages.current(h, a));
                index.replaceAppointment(a, p);
            }
            index.refresh(entries.get(entries.size() - 1).seq());
            applied += entries.size();
        }
    }

    /** Makes the index's searchable state durable (the background thread does it within a second). */
    public synchronized void commitPending() {
        index.commitPending();
    }

    /** Makes sure the entry {@code seq} (just committed by this instance) is searchable. */
    public void indexed(long seq) {
        if (index.checkpoint() < seq) {
            catchUp();
        }
    }

    /**
     * Makes the entry {@code seq}, just committed by this instance for {@code appointmentId}, searchable
     * from {@code passages}: the appointment's current passages as committed, built from the plaintext
     * the job had in memory, so nothing is read back or decrypted. That is only right when every earlier
     * entry is applied (the log is in commit order, so a later entry then holds newer state): otherwise,
     * or when {@code passages} is null, the entries are applied from the database ({@link #catchUp}).
     * The entry counts as applied either way; a crash before the next commit re-applies it from the
     * database, with the same result.
     */
    public void indexed(long seq, String appointmentId, List<IndexedPassage> passages) {
        try {
            apply(seq, appointmentId, passages);
            ownEntries.remove(seq);
        } catch (RuntimeException e) {
            handOver(seq);
            throw e;
        }
    }

    private synchronized void apply(long seq, String appointmentId, List<IndexedPassage> passages) {
        long at = index.checkpoint();
        if (at >= seq) {
            return;
        }
        if (passages == null || at != seq - 1) {
            catchUp();
            return;
        }
        index.replaceAppointment(appointmentId, passages);
        index.refresh(seq);
    }

    /**
     * Announces, inside the transaction that appends entry {@code seq} (before its commit), that the
     * caller will apply it with {@link #indexed}: its commit notification then does not wake the
     * background catch-up, which would otherwise race the caller and read the entry back from the
     * database. If the transaction fails, call {@link #handOver}.
     */
    public void willIndex(long seq) {
        ownEntries.add(seq);
    }

    /** The announced entry {@code seq} is left to the background catch-up (its store or indexing failed). */
    public void handOver(long seq) {
        ownEntries.remove(seq);
        wake.release();
    }

    private boolean ownEntry(String payload) {
        if (payload == null || ownEntries.isEmpty()) {
            return false;
        }
        try {
            return ownEntries.contains(Long.parseLong(payload));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Rebuilds the whole index from the database: every appointment with a note, then the log
     * position read before the scan as checkpoint (entries committed meanwhile are applied after).
     * Searches see the previous commit until the rebuild commits. Returns the appointments indexed.
     */
    public synchronized int rebuild(ReindexStatus.Progress progress) {
        long upTo = db.jdbi().withHandle(IndexLog::last);
        List<String> ids = db.jdbi()
                .withHandle(h -> h.createQuery("SELECT appointment_id FROM scribe_appointments "
                                + "WHERE note_version IS NOT NULL ORDER BY appointment_id")
                        .mapTo(String.class)
                        .list());
        status.started(ids.size());
        try {
            index.deleteAll();
            int done = 0;
            for (String a : ids) {
                index.replaceAppointment(a, db.jdbi().withHandle(h -> passages.current(h, a)));
                done++;
                status.progress(done);
                progress.progress(done, ids.size());
            }
            index.commit(upTo);
            status.finished(null);
            LOG.info("search index rebuilt: {} appointments, {} passages", ids.size(), index.documentCount());
            return ids.size();
        } catch (RuntimeException e) {
            index.rollback();
            status.finished(e.getClass().getSimpleName());
            throw e;
        }
    }

    /**
     * Starts a rebuild on a background thread unless one runs; returns false when one already ran.
     * Its progress is {@link #status()}.
     */
    public boolean requestRebuild() {
        synchronized (status) {
            if (status.running()) {
                return false;
            }
            status.started(0);
        }
        Thread.ofVirtual().name("scribe-reindex").start(() -> {
            try {
                rebuild(ReindexStatus.Progress.NONE);
            } catch (RuntimeException e) {
                LOG.warn("search index rebuild failed ({})", e.getClass().getSimpleName());
            }
        });
        return true;
    }

    /** Where the last (or current) rebuild stands. */
    public ReindexStatus status() {
        return status;
    }

    /** Searches the last commit; snippets come from the database, decrypted. */
    public SearchResults search(String query, int limit) throws QuerySyntaxException {
        return index.search(query, limit, passages);
    }

    /** The checkpoint of the index: the last log entry it reflects. */
    public long checkpoint() {
        return index.checkpoint();
    }

    /** Passages searchable now. */
    public int documentCount() {
        return index.documentCount();
    }

    TranscriptIndex index() {
        return index;
    }

    @Override
    public void close() {
        closed = true;
        unsubscribe.run();
        // no interrupt: an interrupt during Lucene's file I/O closes the channel holding its write lock
        wake.release();
        try {
            if (thread.isAlive()) {
                thread.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            try {
                index.close();
            } catch (IOException e) {
                LOG.warn("search index: close failed ({})", e.getClass().getSimpleName());
            }
        }
    }
}
