package io.scribehook.receiver.process;

/** How one processing attempt ended, before it is mapped to a job outcome. */
sealed interface Step {
    record Ok() implements Step {
    }

    record Transient(String reason) implements Step {
    }

    record Permanent(String reason) implements Step {
    }
}
