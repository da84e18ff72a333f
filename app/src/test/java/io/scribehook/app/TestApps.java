package io.scribehook.app;

import io.scribehook.app.config.AppConfig;
import io.scribehook.core.config.ConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts in-process apps for tests: port 0, a fresh data dir under target/. */
final class TestApps {
    private TestApps() {
    }

    static Path freshDataDir() {
        try {
            Path base = Path.of(System.getProperty("scribehook.test.dir", "target/test-data"));
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "app");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AppConfig config(Path dataDir, Map<String, String> extra) {
        Map<String, String> v = new HashMap<>();
        v.put("SCRIBEHOOK_HTTP_PORT", "0");
        v.put("SCRIBEHOOK_DATA_DIR", dataDir.toString());
        v.putAll(extra);
        return AppConfig.from(ConfigSource.of(v));
    }
}
