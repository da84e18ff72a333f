package io.scribehook.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the jar that {@code package} built, as the launcher would, with a clean SCRIBEHOOK_*
 * environment; or the same command line in-process.
 */
public final class JarRunner {
    private static final Path JAR = Path.of("target", "scribehook.jar");

    private JarRunner() {}

    /** How one run ended. */
    public record Run(int exit, String out, String err) {}

    /** A process builder for {@code java -jar scribehook.jar args...} with only {@code env} as SCRIBEHOOK_* settings. */
    public static ProcessBuilder builder(Map<String, String> env, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx128m",
                "--enable-native-access=ALL-UNNAMED",
                "-jar",
                JAR.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("SCRIBEHOOK_"));
        pb.environment().putAll(env);
        return pb;
    }

    /** Runs to completion (at most a minute), with no standard input. */
    public static Run run(Map<String, String> env, List<String> args) throws Exception {
        Process p = builder(env, args).start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("process ended").isTrue();
        return new Run(p.exitValue(), out.get(), err.get());
    }

    /**
     * Runs the same command line in this JVM ({@link Main#run(PrintWriter, PrintWriter, String...)}
     * with captured out and err): quicker, and the same code; the environment is this JVM's, so
     * settings go in a {@code --config} file.
     */
    public static Run inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    public static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
