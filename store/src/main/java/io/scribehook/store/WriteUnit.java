package io.scribehook.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One caller's work waiting for, or running in, a group-committed transaction. */
final class WriteUnit {
    private static final Logger log = LoggerFactory.getLogger(WriteUnit.class);
    private static final int QUEUED = 0;
    private static final int TAKEN = 1;
    private static final int CANCELLED = 2;
    /** The unit running on this (writer) thread, and its handle. */
    private static final ThreadLocal<WriteUnit> CURRENT = new ThreadLocal<>();

    final HandleCallback<?, ? extends Exception> work;
    final long deadline;
    final CompletableFuture<Object> done = new CompletableFuture<>();
    private final AtomicInteger state = new AtomicInteger(QUEUED);
    private final List<Runnable> afterCommit = new ArrayList<>(1);
    private Handle handle;
    private Object result;
    Throwable failure;
    boolean succeeded;
    volatile String problem;

    WriteUnit(HandleCallback<?, ? extends Exception> work, long deadline) {
        this.work = work;
        this.deadline = deadline;
    }

    /** The unit the calling thread is running, or null. */
    static WriteUnit current() {
        return CURRENT.get();
    }

    Handle handle() {
        return handle;
    }

    void onCommit(Runnable action) {
        afterCommit.add(action);
    }

    /** Runs the work on {@code h}, as the current unit of this thread. */
    void run(Handle h) throws Exception {
        handle = h;
        CURRENT.set(this);
        try {
            result = work.withHandle(h);
        } finally {
            CURRENT.remove();
        }
    }

    /** Claimed by a writer; false when the caller gave up first. */
    boolean take() {
        return state.compareAndSet(QUEUED, TAKEN);
    }

    /** Withdrawn by its caller; false when a writer already has it. */
    boolean cancel() {
        return state.compareAndSet(QUEUED, CANCELLED);
    }

    /** Forgets a run whose transaction was rolled back, before running again. */
    void reset(String why) {
        succeeded = false;
        result = null;
        failure = null;
        afterCommit.clear();
        problem = why;
    }

    /** Its own work failed: nothing it did or registered survives. */
    void failed(Throwable t) {
        failure = t;
        afterCommit.clear();
    }

    String lastProblem() {
        String p = problem;
        return p == null ? "" : ": " + p;
    }

    void fail(Throwable t) {
        done.completeExceptionally(t);
    }

    /** The batch has ended; {@code succeeded} says whether this unit's work is in the commit. */
    void finish() {
        if (!succeeded) {
            done.completeExceptionally(
                    failure != null ? failure : new StoreException("write failed: the transaction was rolled back"));
            return;
        }
        done.complete(result);
        for (Runnable r : afterCommit) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.warn("after-commit action failed: {}", e.toString());
            }
        }
    }
}
