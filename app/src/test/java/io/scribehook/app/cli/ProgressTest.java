package io.scribehook.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** {@link Progress} off a terminal: plain lines with counts, rate and ETA; nothing under --json. */
class ProgressTest {

    private static List<String> lines(StringWriter w) {
        return w.toString().lines().toList();
    }

    @Test
    void offATerminalItPrintsPlainLinesWithCountRateAndEtaThenAFinalLine() {
        StringWriter err = new StringWriter();
        try (Progress p =
                Progress.start("Replaying", 10, Progress.Mode.LINES, new PrintWriter(err), Duration.ofMillis(20))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> err.toString().contains("Replaying: 0/10 (0%)"));
            for (int i = 0; i < 3; i++) {
                p.step();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> err.toString().contains("Replaying: 3/10 (30%)"));
            String three = lines(err).stream()
                    .filter(l -> l.startsWith("Replaying: 3/10"))
                    .findFirst()
                    .orElseThrow();
            assertThat(three).matches("Replaying: 3/10 \\(30%\\), \\d+\\.\\d/s, ETA \\d+s");
            p.stepBy(7);
            assertThat(p.done()).isEqualTo(10);
        }
        List<String> lines = lines(err);
        assertThat(lines.getLast()).matches("Replaying: 10/10 \\(100%\\) in \\d+s, \\d+\\.\\d/s");
        assertThat(lines.stream().filter(l -> l.contains(" in ")))
                .as("one final line")
                .hasSize(1);
        List<String> counts = lines.subList(0, lines.size() - 1).stream()
                .map(l -> l.substring(0, l.indexOf(' ', "Replaying: ".length())))
                .toList();
        assertThat(counts)
                .as("a line only when the count moved, plus the final one")
                .doesNotHaveDuplicates();
        assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain("\r").doesNotContain("\u001b"));
    }

    @Test
    void stepsFromSeveralThreadsAreAllCounted() throws Exception {
        StringWriter err = new StringWriter();
        try (Progress p = Progress.start(
                        "Reindexing", 4000, Progress.Mode.LINES, new PrintWriter(err), Duration.ofHours(1));
                ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int t = 0; t < 4; t++) {
                pool.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        p.step();
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            assertThat(p.done()).isEqualTo(4000);
        }
        assertThat(lines(err).getLast()).startsWith("Reindexing: 4000/4000 (100%) in ");
    }

    @Test
    void aTotalLearnedLaterIsShown() {
        StringWriter err = new StringWriter();
        try (Progress p =
                Progress.start("Reconciling", 0, Progress.Mode.LINES, new PrintWriter(err), Duration.ofHours(1))) {
            p.total(5);
            p.stepBy(5);
        }
        assertThat(lines(err).getLast()).startsWith("Reconciling: 5/5 (100%) in ");
    }

    @Test
    void underJsonItIsSilentButStillCounts() {
        StringWriter err = new StringWriter();
        try (Progress p =
                Progress.start("Replaying", 3, Progress.Mode.SILENT, new PrintWriter(err), Duration.ofMillis(1))) {
            p.step();
            p.stepBy(2);
            assertThat(p.done()).isEqualTo(3);
        }
        assertThat(err.toString()).isEmpty();
        assertThat(Progress.Mode.detect(true)).isEqualTo(Progress.Mode.SILENT);
    }

    @Test
    void testsAndPipesAreNotATerminal() {
        assertThat(Progress.Mode.detect(false)).isEqualTo(Progress.Mode.LINES);
    }
}
