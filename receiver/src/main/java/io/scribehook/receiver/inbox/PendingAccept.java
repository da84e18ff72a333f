package io.scribehook.receiver.inbox;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One verified webhook waiting to be stored by the next {@link AcceptBatch}. Its outcome completes
 * only after the transaction that stored it committed (or exceptionally when that failed).
 *
 * @param row            what to insert (status decided by the batch)
 * @param readerOriginal the original found by the dedupe read on a reader connection, or null
 * @param readAtMillis   when that read began (the writer must check keys committed since)
 */
record PendingAccept(NewWebhook row, Long readerOriginal, long readAtMillis, AtomicBoolean taken,
        CompletableFuture<AcceptOutcome> outcome) {

    PendingAccept(NewWebhook row, Long readerOriginal, long readAtMillis) {
        this(row, readerOriginal, readAtMillis, new AtomicBoolean(), new CompletableFuture<>());
    }

    /** Claims it for a batch, or for its caller giving up; exactly one claim wins. */
    boolean take() {
        return taken.compareAndSet(false, true);
    }
}
