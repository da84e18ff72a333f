package io.scribehook.app.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ProgressState;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Progress of a long CLI operation (replay of many webhooks, reconcile, reindex, bulk redeliver),
 * with rate and ETA, on stderr so that stdout stays for the result.
 *
 * <p>Use it in a command like this:
 *
 * <pre>{@code
 * try (Progress p = Progress.start("Replaying", ids.size(), spec, json)) {
 *     for (long id : ids) {
 *         replay(id);
 *         p.step();
 *     }
 * }
 * spec.commandLine().getOut().println(queued + " webhooks queued");
 * }</pre>
 *
 * <p>What it shows depends on where stderr goes ({@link Mode#detect}):
 *
 * <ul>
 *   <li>{@link Mode#BAR} on an interactive terminal: a bar redrawn in place (the progressbar
 *       library, on JLine), e.g. {@code Replaying 42% [====>     ] 420/1000 (0:00:05 / 0:00:07)
 *       84.0/s}; it is left on screen when done.
 *   <li>{@link Mode#LINES} anywhere else (pipes, log files, CI, tests): plain lines, one when it
 *       starts, one every {@link #LINE_INTERVAL} while the count moves, and one when it is closed:
 *       {@code Replaying: 420/1000 (42%), 84.0/s, ETA 7s} ... {@code Replaying: 1000/1000 (100%) in
 *       12s, 83.3/s}.
 *   <li>{@link Mode#SILENT} under {@code --json}: nothing, so a script reading stdout and stderr
 *       sees only the JSON and real errors.
 * </ul>
 *
 * <p>Thread-safe: {@link #step()} may be called from several threads. When the total is not known
 * in advance, start with 0 and call {@link #total(long)} once it is. Always close it (try with
 * resources): closing prints the final line and stops the refresh thread.
 */
public final class Progress implements AutoCloseable {
    /** How often plain lines are printed while the count moves. */
    public static final Duration LINE_INTERVAL = Duration.ofSeconds(2);

    private static final Duration BAR_INTERVAL = Duration.ofMillis(200);

    /** Where the progress goes. */
    public enum Mode {
        /** A bar redrawn in place, for an interactive terminal. */
        BAR,
        /** Plain periodic lines, for anything that is not a terminal. */
        LINES,
        /** Nothing (under {@code --json}). */
        SILENT;

        /**
         * {@link #SILENT} under {@code --json}; otherwise {@link #BAR} when this process talks to an
         * interactive terminal (and {@code TERM} is not {@code dumb}), else {@link #LINES}.
         */
        public static Mode detect(boolean json) {
            if (json) {
                return SILENT;
            }
            return interactive() ? BAR : LINES;
        }
    }

    private final ProgressBar bar;
    private long silentCount;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * Starts progress for {@code total} steps of {@code task} (a verb such as "Replaying") on the
     * command's stderr: silent when {@code json}, otherwise a bar or plain lines ({@link Mode#detect}).
     */
    public static Progress start(String task, long total, CommandSpec spec, boolean json) {
        return start(task, total, Mode.detect(json), spec.commandLine().getErr(), LINE_INTERVAL);
    }

    /** Starts progress on this process's stderr, a bar or plain lines ({@link Mode#detect}). */
    public static Progress start(String task, long total) {
        return start(
                task,
                total,
                Mode.detect(false),
                new PrintWriter(System.err, true, Charset.defaultCharset()),
                LINE_INTERVAL);
    }

    /**
     * Starts progress in the given mode. {@code err} receives the plain lines of {@link Mode#LINES}
     * (a bar is always drawn on this process's stderr, the terminal); {@code lineInterval} is how
     * often a line is printed while the count moves.
     */
    public static Progress start(String task, long total, Mode mode, PrintWriter err, Duration lineInterval) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(total, 0));
        switch (mode) {
            case SILENT -> {
                return new Progress(null);
            }
            case BAR ->
                b.setStyle(ProgressBarStyle.ASCII).showSpeed().setUpdateIntervalMillis((int) BAR_INTERVAL.toMillis());
            case LINES ->
                b.setRenderer(new PlainLines())
                        .setConsumer(new DelegatingProgressBarConsumer(line -> {
                            if (!line.isEmpty()) {
                                err.println(line);
                                err.flush();
                            }
                        }))
                        .setUpdateIntervalMillis((int) Math.max(1, lineInterval.toMillis()));
        }
        return new Progress(b.build());
    }

    /** One more step done. */
    public void step() {
        stepBy(1);
    }

    /** {@code n} more steps done. */
    public synchronized void stepBy(long n) {
        if (bar == null) {
            silentCount += n;
        } else {
            bar.stepBy(n);
        }
    }

    /** Sets the total once it is known (or when it changes). */
    public void total(long total) {
        if (bar != null) {
            bar.maxHint(total);
        }
    }

    /** How many steps are done. */
    public synchronized long done() {
        return bar == null ? silentCount : bar.getCurrent();
    }

    /** Prints the final line (or leaves the finished bar) and stops refreshing. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    private static boolean interactive() {
        Console c = System.console();
        if (c == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            // Java 22+: a console exists even when redirected; isTerminal says whether it is one
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: a console exists only on a terminal
        }
    }

    /** The plain-line form: a line when the count moved since the last one, and a final line. */
    private static final class PlainLines implements ProgressBarRenderer {
        private long lastShown = -1;
        private boolean finalShown;

        @Override
        public synchronized String render(ProgressState s, int maxLength) {
            long current = s.getCurrent();
            boolean finished = !s.isAlive();
            // the library renders again on close, sometimes twice: one final line only
            if (finalShown || (!finished && current == lastShown)) {
                return "";
            }
            lastShown = current;
            finalShown = finished;
            long max = s.getMax();
            Duration elapsed = s.getElapsedAfterStart();
            long done = current - s.getStart();
            double seconds = elapsed.toMillis() / 1000.0;
            StringBuilder line = new StringBuilder(s.getTaskName()).append(": ").append(current);
            if (max > 0) {
                line.append('/')
                        .append(max)
                        .append(" (")
                        .append(Math.min(100, current * 100 / max))
                        .append("%)");
            }
            if (finished) {
                line.append(" in ").append(duration(elapsed));
            }
            if (done > 0 && seconds > 0) {
                double rate = done / seconds;
                line.append(", ").append(String.format(Locale.ROOT, "%.1f/s", rate));
                if (!finished && max > current) {
                    line.append(", ETA ").append(duration(Duration.ofMillis((long) ((max - current) / rate * 1000))));
                }
            }
            return line.toString();
        }

        private static String duration(Duration d) {
            long s = d.toSeconds();
            if (s < 60) {
                return s + "s";
            }
            if (s < 3600) {
                return s / 60 + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
            }
            return s / 3600 + "h" + String.format(Locale.ROOT, "%02d", s / 60 % 60) + "m";
        }
    }
}
