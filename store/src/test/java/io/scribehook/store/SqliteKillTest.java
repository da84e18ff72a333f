package io.scribehook.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.store.testing.TestDatabases;
import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A write reported as committed survives kill -9 of the process that made it. */
class SqliteKillTest {
    @Test
    void committedWritesSurviveKill9() throws Exception {
        Path file = TestDatabases.newFolder("kill-").resolve("scribehook.db");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashWriterMain.class.getName(),
                        file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<Long> reported = new ArrayList<>();
        try (BufferedReader out = child.inputReader()) {
            String line;
            while (reported.size() < 500 && (line = out.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    reported.add(Long.parseLong(line.substring("committed ".length())));
                }
            }
            assertThat(child.isAlive())
                    .as("the writer is still writing when it is killed")
                    .isTrue();
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(reported).hasSize(500);

        try (Database db = Database.open(DatabaseSettings.sqlite(file))) {
            Set<Long> present = Set.copyOf(db.withHandle(
                    h -> h.createQuery("SELECT id FROM jobs").mapTo(Long.class).list()));
            assertThat(present).containsAll(reported);
        }
    }
}
