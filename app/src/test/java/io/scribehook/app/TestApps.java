package io.scribehook.app;

import io.scribehook.app.config.AppConfig;
import io.scribehook.core.config.ConfigSource;
import io.scribehook.store.testing.TestDatabases;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts in-process apps for tests: port 0, a fresh data dir under target/. */
final class TestApps {
    private TestApps() {}

    static Path freshDataDir() {
        return TestDatabases.newFolder("app");
    }

    static AppConfig config(Path dataDir, Map<String, String> extra) {
        Map<String, String> v = new HashMap<>();
        v.put("SCRIBEHOOK_HTTP_PORT", "0");
        v.put("SCRIBEHOOK_DATA_DIR", dataDir.toString());
        v.putAll(extra);
        return AppConfig.from(ConfigSource.of(v));
    }
}
