package io.scribehook.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.app.JarRunner;
import io.scribehook.app.Main;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Runs every command of the picocli tree (found by walking {@link Main#commandLine()}, so commands
 * added later are covered without listing them here) the way a user types it: {@code --help} exits
 * 0 with an example on stdout; an unknown option exits 2 with a message naming the problem, and no stack trace.
 */
class CommandTreeTest {

    /** The argument paths of every command: {@code []}, {@code [serve]}, {@code [receiver, replay]}... */
    private static List<List<String>> paths(CommandLine c, List<String> prefix) {
        List<List<String>> out = new ArrayList<>(List.of(prefix));
        c.getSubcommands().forEach((name, sub) -> {
            // aliases appear as extra keys of the same CommandLine: walk each command once
            if (name.equals(sub.getCommandName())) {
                List<String> p = new ArrayList<>(prefix);
                p.add(name);
                out.addAll(paths(sub, p));
            }
        });
        return out;
    }

    private static List<List<String>> allCommands() {
        List<List<String>> all = paths(Main.commandLine(), List.of());
        assertThat(all)
                .as("the walk finds the areas and their verbs")
                .contains(List.of("serve"), List.of("receiver", "replay"), List.of("hub"), List.of("scribe"))
                .hasSizeGreaterThan(10);
        return all;
    }

    private static JarRunner.Run run(List<String> path, String... more) {
        List<String> args = new ArrayList<>(path);
        args.addAll(List.of(more));
        return JarRunner.inProcess(args.toArray(String[]::new));
    }

    @Test
    void everyCommandsHelpExitsZeroAndShowsAnExample() {
        for (List<String> path : allCommands()) {
            String name = String.join(" ", path);
            JarRunner.Run r = run(path, "--help");
            assertThat(r.exit()).as("scribehook %s --help: %s", name, r.err()).isZero();
            assertThat(r.out())
                    .as("scribehook %s --help", name)
                    .startsWith("Usage: scribehook")
                    .contains("Example");
            assertThat(r.err())
                    .as("scribehook %s --help writes nothing on stderr", name)
                    .isEmpty();
        }
    }

    @Test
    void anUnknownOptionIsAUsageErrorNamingTheOption() {
        for (List<String> path : allCommands()) {
            String name = String.join(" ", path);
            JarRunner.Run r = run(path, "--no-such-option");
            assertThat(r.exit()).as("scribehook %s --no-such-option", name).isEqualTo(2);
            String first = r.err().lines().findFirst().orElse("");
            // picocli reports a missing required argument first; otherwise the unknown option
            assertThat(first)
                    .as("scribehook %s --no-such-option: the first line names the problem", name)
                    .matches("Unknown option: '--no-such-option'.*|Missing required (option|parameter).*");
            assertThat(r.err()).as(name).doesNotContain("\tat ");
            assertThat(r.out()).as("nothing on stdout for a usage error").isEmpty();
        }
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        JarRunner.Run r = JarRunner.inProcess("receiver", "frobnicate");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("frobnicate");
    }
}
