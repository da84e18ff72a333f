package io.scribehook.receiver.inbox;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One verified webhook waiting to be stored by the next {@link AcceptBatch}. Its outcome completes
 * only after the transaction that stored it committed (or exceptionally when that failed).
 *
 * @param row what to insert (its status decided by the batch)
 */
record PendingAccept(NewWebhook row, AtomicBoolean taken, CompletableFuture<AcceptOutcome> outcome) {

    PendingAccept(NewWebhook row) {
        this(row, new AtomicBoolean(), new CompletableFuture<>());
    }

    /** Claims it for a batch, or for its caller giving up; exactly one claim wins. */
    boolean take() {
        return taken.compareAndSet(false, true);
    }
}
