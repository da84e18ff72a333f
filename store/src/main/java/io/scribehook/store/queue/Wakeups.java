package io.scribehook.store.queue;

import io.scribehook.store.Database;
import io.scribehook.store.Notifications;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link JobSignal} of one database, shared by every {@link JobQueue} and {@link WorkerPool} on
 * it: fed by {@link Notifications} on channel {@value #CHANNEL} (PostgreSQL NOTIFY from any instance,
 * or in-process after an SQLite commit), by reconnects of the listener, and by local nudges.
 */
public final class Wakeups implements JobSignal, AutoCloseable {
    /** The notification channel; its payload is the queue name. */
    public static final String CHANNEL = "scribehook_jobs";

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, long[]> generations = new HashMap<>();
    private final Map<String, WakeReason> reasons = new HashMap<>();
    private final Runnable unsubscribe;
    private final Notifications notifications;

    private Wakeups(Database db) {
        this.notifications = db.notifications();
        this.unsubscribe = notifications.subscribe(CHANNEL, (source, payload) -> {
            switch (source) {
                case LOCAL -> signal(payload, WakeReason.SIGNAL);
                case DATABASE -> signal(payload, WakeReason.NOTIFICATION);
                case RECONNECT -> signalAll(WakeReason.RECONNECT);
            }
        });
    }

    /** The wake-ups of {@code db}, created on first use. */
    public static Wakeups of(Database db) {
        return db.component(Wakeups.class, Wakeups::new);
    }

    /** Whether notifications from other instances arrive now (always true on SQLite). */
    public boolean listening() {
        return notifications.listening();
    }

    @Override
    public long generation(String queue) {
        lock.lock();
        try {
            return generations.computeIfAbsent(queue, q -> new long[1])[0];
        } finally {
            lock.unlock();
        }
    }

    @Override
    public WakeReason await(String queue, long seen, Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            long[] g = generations.computeIfAbsent(queue, q -> new long[1]);
            while (true) {
                if (g[0] != seen) {
                    return reasons.getOrDefault(queue, WakeReason.SIGNAL);
                }
                if (left <= 0) {
                    return WakeReason.POLL;
                }
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void signal(String queue, WakeReason reason) {
        if (queue == null) {
            return;
        }
        lock.lock();
        try {
            generations.computeIfAbsent(queue, q -> new long[1])[0]++;
            reasons.put(queue, reason);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void signalAll(WakeReason reason) {
        lock.lock();
        try {
            for (Map.Entry<String, long[]> e : generations.entrySet()) {
                e.getValue()[0]++;
                reasons.put(e.getKey(), reason);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        unsubscribe.run();
    }
}
