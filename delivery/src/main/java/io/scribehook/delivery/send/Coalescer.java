package io.scribehook.delivery.send;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Turns concurrent single calls into batches: the first caller to find no batch running runs one
 * for itself and every caller waiting at that moment (up to {@code maxBatch}); callers arriving
 * meanwhile wait, and when a batch ends the next waiting caller runs the next one with all the
 * waiters of its time (the baton passes, so nobody runs batches for others indefinitely). The
 * delivery workers' handlers start together after a claim, so their reads and their records
 * coalesce into one statement (or one group-committed unit) instead of one each.
 *
 * @param <I> one caller's input
 * @param <O> one caller's result
 */
final class Coalescer<I, O> {
    private static final Object LEAD = new Object();

    private final Function<List<I>, List<O>> batch;
    private final int maxBatch;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Call<I>> waiting = new ArrayDeque<>();
    private boolean running;
    private final java.util.concurrent.atomic.LongAdder calls = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder batches = new java.util.concurrent.atomic.LongAdder();

    /** Callers waiting for a batch now (not counting the one running). */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** Calls served so far. */
    long calls() {
        return calls.sum();
    }

    /** Batches run so far; {@code calls() / batches()} is the mean batch. */
    long batches() {
        return batches.sum();
    }

    /** {@code batch} returns one result per input, in input order. */
    Coalescer(Function<List<I>, List<O>> batch, int maxBatch) {
        this.batch = batch;
        this.maxBatch = maxBatch;
    }

    private static final class Call<I> {
        final I input;
        final CompletableFuture<Object> done = new CompletableFuture<>();

        Call(I input) {
            this.input = input;
        }
    }

    /**
     * The result for {@code input}, computed in a batch with the inputs of concurrent callers.
     * Waits without reacting to interrupts (a batch is bounded database work), keeping the
     * interrupt status.
     *
     * @throws RuntimeException what the batch threw (every caller of that batch gets it)
     */
    @SuppressWarnings("unchecked")
    O call(I input) {
        Call<I> self = new Call<>(input);
        boolean lead;
        lock.lock();
        try {
            lead = !running;
            if (lead) {
                running = true;
            } else {
                waiting.add(self);
            }
        } finally {
            lock.unlock();
        }
        if (!lead) {
            Object o;
            try {
                o = self.done.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            if (o != LEAD) {
                return (O) o;
            }
        }
        return runBatch(self);
    }

    @SuppressWarnings("unchecked")
    private O runBatch(Call<I> self) {
        // let callers started with this one (the jobs of one claim) join before the batch is cut
        Thread.yield();
        List<Call<I>> calls = new ArrayList<>();
        calls.add(self);
        lock.lock();
        try {
            while (calls.size() < maxBatch && !waiting.isEmpty()) {
                calls.add(waiting.poll());
            }
        } finally {
            lock.unlock();
        }
        this.calls.add(calls.size());
        this.batches.increment();
        try {
            List<I> inputs = new ArrayList<>(calls.size());
            for (Call<I> c : calls) {
                inputs.add(c.input);
            }
            List<O> results = batch.apply(inputs);
            if (results.size() != calls.size()) {
                throw new IllegalStateException("a batch of " + calls.size() + " gave " + results.size() + " results");
            }
            for (int i = 1; i < calls.size(); i++) {
                calls.get(i).done.complete(results.get(i));
            }
            return results.get(0);
        } catch (RuntimeException | Error e) {
            for (int i = 1; i < calls.size(); i++) {
                calls.get(i).done.completeExceptionally(e);
            }
            throw e;
        } finally {
            Call<I> next;
            lock.lock();
            try {
                next = waiting.poll();
                if (next == null) {
                    running = false;
                }
            } finally {
                lock.unlock();
            }
            if (next != null) {
                next.done.complete(LEAD);
            }
        }
    }
}
