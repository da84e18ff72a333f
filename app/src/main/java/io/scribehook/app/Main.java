package io.scribehook.app;

import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.cli.ScribehookCommand;
import io.scribehook.core.config.ConfigException;
import io.scribehook.store.StoreException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Entry point of the {@code scribehook} executable. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failed, 2 usage or configuration). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new ScribehookCommand());
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
        return cli.execute(args);
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
