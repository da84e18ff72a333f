package io.scribehook.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSourceTest {
    private static Path tempDir() throws Exception {
        Path base = Path.of(System.getProperty("scribehook.test.dir", "target/test-data"));
        Files.createDirectories(base);
        return Files.createTempDirectory(base, "config");
    }

    @Test
    void environmentOverridesTheFile() throws Exception {
        Path file = tempDir().resolve("scribehook.properties");
        Files.writeString(file, "SCRIBEHOOK_HTTP_PORT=9000\nSCRIBEHOOK_LOG_FORMAT=json\n");
        ConfigSource c = ConfigSource.load(
                Map.of("SCRIBEHOOK_CONFIG_FILE", file.toString(), "SCRIBEHOOK_HTTP_PORT", "9100"), null);
        assertThat(c.integer(ConfigKey.HTTP_PORT, 8080, 0, 65535)).isEqualTo(9100);
        assertThat(c.choice(ConfigKey.LOG_FORMAT, "text", "text", "json")).isEqualTo("json");
    }

    @Test
    void unknownKeysInTheFileAreNamed() throws Exception {
        Path file = tempDir().resolve("bad.properties");
        Files.writeString(file, "SCRIBEHOOK_HTTP_PROT=9000\n");
        assertThatThrownBy(() -> ConfigSource.load(Map.of(), file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SCRIBEHOOK_HTTP_PROT");
    }

    @Test
    void missingFileIsAConfigError() {
        assertThatThrownBy(() -> ConfigSource.load(Map.of(), Path.of("target/does-not-exist.properties")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SCRIBEHOOK_CONFIG_FILE")
                .hasMessageContaining("does-not-exist");
    }

    @Test
    void badValuesNameKeyValueAndWhatIsAllowed() {
        ConfigSource c = ConfigSource.of(Map.of(
                "SCRIBEHOOK_HTTP_PORT",
                "70000",
                "SCRIBEHOOK_LOG_FORMAT",
                "xml",
                "SCRIBEHOOK_JOB_POLL_INTERVAL",
                "soon",
                "SCRIBEHOOK_ADMIN_AUTH",
                "maybe"));
        assertThatThrownBy(() -> c.integer(ConfigKey.HTTP_PORT, 8080, 0, 65535))
                .hasMessage("SCRIBEHOOK_HTTP_PORT='70000' is invalid: expected an integer from 0 to 65535");
        assertThatThrownBy(() -> c.choice(ConfigKey.LOG_FORMAT, "text", "text", "json"))
                .hasMessageContaining("'xml'")
                .hasMessageContaining("text, json");
        assertThatThrownBy(() -> c.duration(ConfigKey.JOB_POLL_INTERVAL, Duration.ofSeconds(1)))
                .hasMessageContaining("'soon'");
        assertThatThrownBy(() -> c.onOff(ConfigKey.ADMIN_AUTH, true)).hasMessageContaining("on or off");
    }

    @Test
    void listsAndDefaults() {
        ConfigSource c = ConfigSource.of(Map.of("SCRIBEHOOK_ROLES", " receiver , ,hub"));
        assertThat(c.list(ConfigKey.ROLES, List.of())).containsExactly("receiver", "hub");
        assertThat(c.raw(ConfigKey.DATA_DIR)).isEmpty();
        assertThat(c.integer(ConfigKey.HTTP_PORT, 8080, 0, 65535)).isEqualTo(8080);
    }
}
