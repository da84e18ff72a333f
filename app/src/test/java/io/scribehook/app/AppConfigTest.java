package io.scribehook.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scribehook.app.config.AppConfig;
import io.scribehook.app.config.LogFormat;
import io.scribehook.app.config.Role;
import io.scribehook.core.config.ConfigException;
import io.scribehook.core.config.ConfigKey;
import io.scribehook.core.config.ConfigSource;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {
    @Test
    void defaults() {
        AppConfig c = AppConfig.from(ConfigSource.of(Map.of()));
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.httpHost()).isEqualTo("127.0.0.1");
        assertThat(c.listensOnAllInterfaces()).isFalse();
        assertThat(c.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(c.databaseUrl())
                .isEqualTo("jdbc:sqlite:" + Path.of("data", "scribehook.db").toAbsolutePath());
        assertThat(c.roles()).containsExactlyInAnyOrder(Role.RECEIVER, Role.HUB);
        assertThat(c.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(c.adminAuth()).isTrue();
        assertThat(c.jobRetention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void jobRetentionIsADurationAboveZero() {
        assertThat(AppConfig.from(ConfigSource.of(Map.of("SCRIBEHOOK_JOB_RETENTION", "36h")))
                        .jobRetention())
                .isEqualTo(Duration.ofHours(36));
        assertThatThrownBy(() -> AppConfig.from(ConfigSource.of(Map.of("SCRIBEHOOK_JOB_RETENTION", "0s"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SCRIBEHOOK_JOB_RETENTION")
                .hasMessageContaining("0s");
        assertThatThrownBy(() -> AppConfig.from(ConfigSource.of(Map.of("SCRIBEHOOK_JOB_RETENTION", "a week"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SCRIBEHOOK_JOB_RETENTION");
    }

    @Test
    void invalidValuesNameTheKey() {
        assertThatThrownBy(() -> AppConfig.from(ConfigSource.of(Map.of("SCRIBEHOOK_ROLES", "receiver,sender"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SCRIBEHOOK_ROLES")
                .hasMessageContaining("'sender'");
        assertThatThrownBy(() -> AppConfig.from(ConfigSource.of(Map.of("SCRIBEHOOK_DATABASE_URL", "jdbc:mysql://x/y"))))
                .hasMessageContaining("SCRIBEHOOK_DATABASE_URL")
                .hasMessageContaining("jdbc:postgresql");
        assertThatThrownBy(() -> AppConfig.from(ConfigSource.of(Map.of("SCRIBEHOOK_ADMIN_TOKEN", "short"))))
                .hasMessageContaining("SCRIBEHOOK_ADMIN_TOKEN")
                .hasMessageNotContaining("short");
    }

    @Test
    void theListenHostIsAnAddressOfThisMachine() {
        assertThat(AppConfig.from(ConfigSource.of(Map.of("SCRIBEHOOK_HTTP_HOST", "0.0.0.0")))
                        .listensOnAllInterfaces())
                .isTrue();
        assertThat(AppConfig.from(ConfigSource.of(Map.of("SCRIBEHOOK_HTTP_HOST", "localhost")))
                        .httpHost())
                .satisfies(h ->
                        assertThat(InetAddress.getByName(h).isLoopbackAddress()).isTrue());
        assertThatThrownBy(() -> AppConfig.from(ConfigSource.of(Map.of("SCRIBEHOOK_HTTP_HOST", "192.0.2.55"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SCRIBEHOOK_HTTP_HOST='192.0.2.55'")
                .hasMessageContaining("not an address of this machine")
                .hasMessageContaining("0.0.0.0");
        assertThatThrownBy(
                        () -> AppConfig.from(ConfigSource.of(Map.of("SCRIBEHOOK_HTTP_HOST", "no-such-host.invalid"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SCRIBEHOOK_HTTP_HOST='no-such-host.invalid'");
    }

    @Test
    void aDataDirThatIsAFileIsAConfigurationError() throws Exception {
        Path file = Files.createTempFile(TestApps.freshDataDir(), "not-a-dir", ".txt");
        assertThatThrownBy(() -> AppConfig.from(ConfigSource.of(Map.of("SCRIBEHOOK_DATA_DIR", file.toString()))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SCRIBEHOOK_DATA_DIR")
                .hasMessageContaining("not a directory");
    }

    @Test
    void everyKeyIsInTheReadmeTable() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (ConfigKey k : ConfigKey.values()) {
            assertThat(readme).as("README documents " + k.key()).contains("| `" + k.key() + "` |");
        }
    }
}
