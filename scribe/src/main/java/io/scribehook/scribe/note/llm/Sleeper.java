package io.scribehook.scribe.note.llm;

import java.time.Duration;

/** Waits out a retry back-off; tests replace it to record the delays without waiting. */
@FunctionalInterface
interface Sleeper {
    Sleeper REAL = Thread::sleep;

    void sleep(Duration d) throws InterruptedException;
}
