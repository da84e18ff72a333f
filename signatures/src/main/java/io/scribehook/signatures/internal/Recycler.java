package io.scribehook.signatures.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Reuses costly stateful objects ({@code Mac}, {@code MessageDigest}) across calls on any thread.
 * A {@code ThreadLocal} cache does not do this on virtual threads, where every request runs on a
 * new thread and would build a new instance. Holds at most as many instances as were ever in use
 * at once. Not part of the API.
 */
public final class Recycler<T> {
    private final ConcurrentLinkedQueue<T> idle = new ConcurrentLinkedQueue<>();
    private final Supplier<T> factory;

    public Recycler(Supplier<T> factory) {
        this.factory = factory;
    }

    /** An idle instance, or a new one. Hand it back with {@link #give} once it is in its initial state. */
    public T take() {
        T t = idle.poll();
        return t != null ? t : factory.get();
    }

    public void give(T t) {
        idle.offer(t);
    }
}
