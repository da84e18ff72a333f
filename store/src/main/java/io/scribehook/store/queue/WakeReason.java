package io.scribehook.store.queue;

/** Why an idle worker woke up to claim again. */
public enum WakeReason {
    /** An enqueue committed in this process (SQLite), or someone nudged the queue. */
    SIGNAL,
    /** A PostgreSQL NOTIFY from an enqueue committed by any instance. */
    NOTIFICATION,
    /** The notification listener reconnected and may have missed notices. */
    RECONNECT,
    /** The polling fallback: nothing arrived within the poll interval. */
    POLL
}
