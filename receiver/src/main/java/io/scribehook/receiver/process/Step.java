package io.scribehook.receiver.process;

import io.scribehook.store.queue.CompletionResult;
import java.time.Instant;

/** How one processing attempt ended, before it is mapped to a job outcome. */
sealed interface Step {
    /** The effects are recorded and the job completed in the same transaction. */
    record Ok(CompletionResult completion) implements Step {}

    record Transient(String reason) implements Step {}

    record Permanent(String reason) implements Step {}

    /** Not attempted (the API is paused or not configured): run again at {@code until}, no attempt spent. */
    record Wait(Instant until, String reason) implements Step {}
}
