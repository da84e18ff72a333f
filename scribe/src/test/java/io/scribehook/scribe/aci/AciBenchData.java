package io.scribehook.scribe.aci;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds ACI-BENCH for tests: the directory in system property {@code scribehook.aci-bench}, else
 * the first {@code shared/data/aci-bench} next to the working directory or one of its parents (the
 * project root's {@code ../shared/data/aci-bench}). Tests that need it are skipped with the reason
 * when it is absent; the data is never copied into the repository.
 */
public final class AciBenchData {
    public static final String PROPERTY = "scribehook.aci-bench";

    private AciBenchData() {}

    /** The directory holding {@code valid.csv}; skips the calling test when there is none. */
    public static Path dirOrSkip() {
        Path dir = find();
        assumeTrue(
                dir != null,
                "ACI-BENCH not found: set -D" + PROPERTY
                        + "=DIR or put it at ../shared/data/aci-bench from the project root");
        return dir;
    }

    private static Path find() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isRegularFile(p.resolve("valid.csv")) ? p : null;
        }
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path candidate = at.resolve("shared/data/aci-bench");
            if (Files.isRegularFile(candidate.resolve("valid.csv"))) {
                return candidate;
            }
        }
        return null;
    }
}
