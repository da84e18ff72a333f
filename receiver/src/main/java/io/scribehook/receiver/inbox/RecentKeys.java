package io.scribehook.receiver.inbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The dedupe keys the single SQLite writer stored recently, so that a webhook whose dedupe read
 * ran on a reader connection needs the writer to check only what was stored since that read: a key
 * committed before the read began was visible to it, one stored after is found here. Keys of the
 * transaction under way are here too, and leave again if it rolls back. Only the writer thread
 * calls {@link #stored}, {@link #lookup} and {@link #forget}; the rest is synchronized as well,
 * because callers roll their batches back from their own threads.
 */
final class RecentKeys {
    /** How long a stored key stays: far longer than a read can precede its batch (the write timeout). */
    static final Duration KEEP = Duration.ofSeconds(20);

    private record Entry(String key, long id, long storedAtMillis, long batch) {
    }

    private final Map<String, Entry> byKey = new HashMap<>();
    private final Deque<Entry> inOrder = new ArrayDeque<>();

    /**
     * The original stored under {@code key} by the writer at or after {@code sinceMillis} (the start
     * of the dedupe window), or null. Every key stored in the last {@link #KEEP} is here, whether
     * or not a reader could see it yet.
     */
    synchronized Long lookup(String key, long sinceMillis) {
        Entry e = byKey.get(key);
        return e != null && e.storedAtMillis >= sinceMillis ? e.id : null;
    }

    /**
     * Records a key stored by batch number {@code batch} (its transaction may still roll back). A
     * number, not the batch: an entry must not keep the batch's webhooks alive.
     */
    synchronized void stored(String key, long id, long nowMillis, long batch) {
        expire(nowMillis);
        Entry e = new Entry(key, id, nowMillis, batch);
        if (byKey.putIfAbsent(key, e) == null) {
            inOrder.addLast(e);
        }
    }

    /** Removes what {@code batch} recorded: its transaction rolled back, or it is about to run again. */
    synchronized void forget(long batch) {
        inOrder.removeIf(e -> {
            if (e.batch == batch) {
                byKey.remove(e.key, e);
                return true;
            }
            return false;
        });
    }

    /**
     * Whether a dedupe read that began at {@code readAtMillis} plus a lookup here see every key
     * stored before now: keys older than {@link #KEEP} were committed long before such a read.
     */
    boolean covers(long readAtMillis, long nowMillis) {
        return nowMillis - readAtMillis < KEEP.toMillis() / 2;
    }

    private void expire(long nowMillis) {
        long before = nowMillis - KEEP.toMillis();
        while (!inOrder.isEmpty() && inOrder.peekFirst().storedAtMillis < before) {
            Entry e = inOrder.removeFirst();
            byKey.remove(e.key, e);
        }
    }
}
