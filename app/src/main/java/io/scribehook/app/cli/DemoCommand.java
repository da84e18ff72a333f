package io.scribehook.app.cli;

import io.scribehook.app.ScribehookApp;
import io.scribehook.app.demo.Demo;
import io.scribehook.app.demo.DemoFailure;
import io.scribehook.app.server.ListenFailure;
import io.scribehook.core.time.Durations;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scribehook demo}: hub and receiver in one process, and a simulated video visit through both. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Start hub and receiver in one process (SQLite in SCRIBEHOOK_DATA_DIR, default ./data), register a "
                    + "webhook through the hub's GraphQL API as the guide's Step 2 does, save its signature secret, "
                    + "simulate a clinical video visit through /zoom/webhooks and follow it through the receiver: "
                    + "webhooks verified and stored, the transcript fetched back, a note drafted. Prints each step "
                    + "as it completes, then a summary with the admin API's URL and token, and keeps serving until "
                    + "Ctrl-C.",
            "Generates a data key into the data dir (data-key, mode 0600) unless SCRIBEHOOK_DATA_KEY is set. Rate "
                    + "limiting is off; SCRIBEHOOK_HEALTHIE_API_URL is ignored (the receiver fetches from this hub). "
                    + "A re-run on the same data dir reuses the webhook registered for the same URL."
        },
        footerHeading = "%nExample:%n",
        footer = {"  scribehook demo", "  SCRIBEHOOK_HTTP_PORT=0 scribehook demo --once --timeout 2m"})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(
            names = "--once",
            description = "Exit when the visit is processed: 0 once the note is drafted, 1 on timeout with what "
                    + "was missing.")
    boolean once;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "60s",
            description = "How long to wait for the visit to be processed, e.g. 90s or 2m (default: 60s).")
    String timeout;

    @Option(
            names = "--encounter",
            paramLabel = "ID",
            description = "ACI-BENCH conversation to play: D2N068, D2N070 or D2N072 (default: one at random).")
    String encounter;

    @Override
    public Integer call() throws InterruptedException {
        Duration wait;
        try {
            wait = Durations.parse(timeout);
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage("--timeout '" + timeout + "' is not a duration such as 90s or 2m");
        }
        if (wait.isZero() || wait.isNegative()) {
            throw CliFailure.usage("--timeout must be positive");
        }
        Demo.Prepared prepared = Demo.prepare(config.load().source());
        PrintWriter out = spec.commandLine().getOut();
        out.println("scribehook demo: hub and receiver in one process, data dir "
                + prepared.config().dataDir());
        out.flush();
        ScribehookApp app;
        try {
            // the admin token is shown once, in the summary, so the start-up announcement is not printed
            app = ScribehookApp.start(prepared.config(), Clock.systemUTC(), discard());
        } catch (ListenFailure e) {
            throw CliFailure.failed(e.getMessage());
        }
        Demo.Outcome outcome;
        try {
            outcome = Demo.play(app, prepared, out, new Demo.Options(wait, encounter), Clock.systemUTC());
        } catch (DemoFailure e) {
            app.close();
            throw CliFailure.failed(e.getMessage());
        } catch (RuntimeException | InterruptedException e) {
            app.close();
            throw e;
        }
        if (outcome instanceof Demo.Outcome.TimedOut t) {
            app.close();
            throw CliFailure.failed("appointment " + t.appointmentId() + " was not fully processed within " + timeout
                    + ": " + String.join("; ", t.missing()));
        }
        if (once) {
            app.close();
            return 0;
        }
        out.println();
        out.println("Serving until Ctrl-C; `scribehook hub simulate meeting` plays another visit.");
        out.flush();
        ServeCommand.serveUntilStopped(app);
        return 0;
    }

    private static PrintStream discard() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
