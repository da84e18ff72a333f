package io.scribehook.store.queue;

import java.time.Duration;

/**
 * Wake-ups for idle workers. Read {@link #generation} before claiming; after a claim that found
 * nothing, {@link #await} returns at once if a signal came in between, so none is lost.
 */
public interface JobSignal {
    /** A counter that moves with every signal for {@code queue}. */
    long generation(String queue);

    /**
     * Waits until {@code generation(queue)} moves past {@code seen} or {@code timeout} passes.
     *
     * @return why it returned: the source of the latest signal, or {@link WakeReason#POLL}
     */
    WakeReason await(String queue, long seen, Duration timeout) throws InterruptedException;

    /** Wakes the workers of {@code queue} in this process. */
    void signal(String queue, WakeReason reason);
}
