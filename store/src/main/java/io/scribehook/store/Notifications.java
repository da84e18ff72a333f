package io.scribehook.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commit-time notifications between writers and waiters. On PostgreSQL, {@link #publish} is a
 * {@code pg_notify} inside the writer's transaction (delivered at commit, to every instance) and a
 * listener thread holds a dedicated, non-pooled connection that LISTENs and reconnects when it is
 * lost; on SQLite (one process) it is an in-process call after the commit.
 */
public final class Notifications implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Notifications.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration LISTEN_WAIT = Duration.ofSeconds(5);
    private static final int RECEIVE_MILLIS = 250;
    private static final long VALIDATE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(15);

    /** Where a notice came from. */
    public enum Source {
        /** This process, after its own commit (SQLite). */
        LOCAL,
        /** PostgreSQL NOTIFY, from any instance. */
        DATABASE,
        /** The listener reconnected: notices may have been missed; payload is null. */
        RECONNECT
    }

    /** Receives notices on the listener thread; must return quickly. */
    @FunctionalInterface
    public interface Subscriber {
        void notice(Source source, String payload);
    }

    private final Dialect dialect;
    private final DatabaseSettings settings;
    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<String> listening = new LinkedHashSet<>();
    private Thread listener;
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile Connection listenConnection;

    Notifications(Dialect dialect, DatabaseSettings settings) {
        this.dialect = dialect;
        this.settings = settings;
    }

    /**
     * Delivers {@code payload} on {@code channel} once the transaction of {@code h} commits (right
     * away on an auto-commit handle). Nothing is delivered when it rolls back.
     */
    public void publish(Handle h, String channel, String payload) {
        checkChannel(channel);
        if (dialect == Dialect.POSTGRES) {
            h.createQuery("SELECT pg_notify(?, ?)")
                    .bind(0, channel)
                    .bind(1, payload)
                    .mapTo(String.class)
                    .list();
        } else {
            GroupCommitter.afterCommit(h, () -> deliver(channel, Source.LOCAL, payload));
        }
    }

    /** Delivers a notice in this process only, now. */
    public void publishLocal(String channel, String payload) {
        deliver(channel, Source.LOCAL, payload);
    }

    /**
     * Subscribes to a channel. On PostgreSQL it returns once the listener has executed LISTEN for it
     * (or after a few seconds if the database cannot be reached; it keeps trying).
     *
     * @return an action that unsubscribes
     */
    public Runnable subscribe(String channel, Subscriber s) {
        checkChannel(channel);
        subscribers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(s);
        if (dialect == Dialect.POSTGRES) {
            awaitListening(channel);
        }
        return () -> {
            List<Subscriber> list = subscribers.get(channel);
            if (list != null) {
                list.remove(s);
            }
        };
    }

    /** True when notices from other instances can arrive (always on SQLite). */
    public boolean listening() {
        return dialect == Dialect.SQLITE || connected;
    }

    /** Notices from other instances are delivered (PostgreSQL) or never needed (SQLite). */
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        closed = true;
        Thread t;
        lock.lock();
        try {
            t = listener;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        Connection c = listenConnection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitListening(String channel) {
        long deadline = System.nanoTime() + LISTEN_WAIT.toNanos();
        lock.lock();
        try {
            if (listener == null && !closed) {
                listener =
                        Thread.ofPlatform().daemon().name("scribehook-listen").start(this::listen);
            }
            changed.signalAll();
            while (!listening.contains(channel) && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.warn(
                            "not yet listening on {}: the database is not reachable; falling back to polling", channel);
                    return;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void listen() {
        long backoff = 100;
        boolean everConnected = false;
        while (!closed) {
            Connection c = null;
            try {
                c = connect();
                listenConnection = c;
                long lastValidated = System.nanoTime();
                if (everConnected) {
                    log.info("listener reconnected");
                    deliverAll(Source.RECONNECT);
                }
                everConnected = true;
                backoff = 100;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    listenToNew(c);
                    PGNotification[] notes = pg.getNotifications(RECEIVE_MILLIS);
                    if (notes != null) {
                        for (PGNotification n : notes) {
                            deliver(n.getName(), Source.DATABASE, n.getParameter());
                        }
                    }
                    if (System.nanoTime() - lastValidated > VALIDATE_EVERY_NANOS) {
                        if (!c.isValid(5)) {
                            throw new SQLException("listener connection is no longer valid", "08006");
                        }
                        lastValidated = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!closed) {
                    log.warn("listener connection lost: {}; reconnecting", SqlErrors.rootMessage(e));
                }
            } finally {
                markDisconnected();
                listenConnection = null;
                if (c != null) {
                    try {
                        c.close();
                    } catch (SQLException ignored) {
                        // already broken
                    }
                }
            }
            waitBeforeReconnect(backoff);
            backoff = Math.min(backoff * 2, 5_000);
        }
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("ApplicationName", "scribehook-listen");
        p.setProperty("connectTimeout", "5");
        p.setProperty("tcpKeepAlive", "true");
        Connection c = DriverManager.getConnection(settings.jdbcUrl(), p);
        c.setAutoCommit(true);
        return c;
    }

    private void listenToNew(Connection c) throws SQLException {
        for (String channel : subscribers.keySet()) {
            boolean known;
            lock.lock();
            try {
                known = listening.contains(channel);
            } finally {
                lock.unlock();
            }
            if (!known) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                lock.lock();
                try {
                    listening.add(channel);
                    connected = true;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
        if (!connected) {
            connected = true;
        }
    }

    private void markDisconnected() {
        lock.lock();
        try {
            connected = false;
            listening.clear();
        } finally {
            lock.unlock();
        }
    }

    private void waitBeforeReconnect(long millis) {
        lock.lock();
        try {
            if (!closed) {
                changed.await(millis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    private void deliver(String channel, Source source, String payload) {
        List<Subscriber> list = subscribers.get(channel);
        if (list == null) {
            return;
        }
        for (Subscriber s : list) {
            try {
                s.notice(source, payload);
            } catch (RuntimeException e) {
                log.warn("subscriber of {} failed: {}", channel, e.toString());
            }
        }
    }

    private void deliverAll(Source source) {
        for (String channel : subscribers.keySet()) {
            deliver(channel, source, null);
        }
    }

    private static void checkChannel(String channel) {
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException(
                    "'" + channel + "' is not a channel name; use lower-case letters, digits and _");
        }
    }
}
