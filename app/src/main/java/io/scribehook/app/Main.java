package io.scribehook.app;

import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.cli.HelpWidth;
import io.scribehook.app.cli.ScribehookCommand;
import io.scribehook.app.cli.ServeCommand;
import io.scribehook.app.logging.LogSetup;
import io.scribehook.core.config.ConfigException;
import io.scribehook.store.StoreException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Entry point of the {@code scribehook} executable. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failed, 2 usage or configuration). */
    public static int run(String... args) {
        Charset cs = Charset.defaultCharset();
        return run(new PrintWriter(System.out, true, cs), new PrintWriter(System.err, true, cs), args);
    }

    /**
     * Runs the command line writing to {@code out} and {@code err} (tests capture them) and returns
     * the exit code.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionStrategy(parsed -> {
            if (!(parsed.asCommandLineList().getLast().getCommand() instanceof ServeCommand)) {
                LogSetup.quiet();
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException) {
                cmd.getErr().println("scribehook: configuration error: " + e.getMessage());
                return 2;
            }
            if (e instanceof CliFailure f) {
                cmd.getErr().println("scribehook: " + f.getMessage());
                return f.exitCode();
            }
            if (e instanceof StoreException) {
                cmd.getErr().println("scribehook: database error: " + e.getMessage());
                return 1;
            }
            LoggerFactory.getLogger(Main.class).error("command failed", e);
            cmd.getErr().println("scribehook: failed: " + describe(e));
            return 1;
        });
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The command tree with the help layout applied, without running anything. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ScribehookCommand());
        HelpWidth.apply(cli);
        return cli;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
