package io.scribehook.receiver.healthie;

import java.time.Duration;

/** Waits out a rate-limit back-off; replaced in tests to observe the delays without waiting. */
@FunctionalInterface
interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d);

    void sleep(Duration d) throws InterruptedException;
}
