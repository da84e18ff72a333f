package io.scribehook.app.demo;

import java.io.PrintWriter;
import java.util.Locale;

/** The live progress view: one line per completed step, with the seconds since the demo began. */
final class DemoProgress {
    private final PrintWriter out;
    private final long started = System.nanoTime();

    DemoProgress(PrintWriter out) {
        this.out = out;
    }

    void step(String what) {
        double seconds = (System.nanoTime() - started) / 1e9;
        out.println(String.format(Locale.ROOT, "  [%5.1fs] %s", seconds, what));
        out.flush();
    }

    double elapsedSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }
}
