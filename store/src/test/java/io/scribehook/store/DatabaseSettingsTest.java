package io.scribehook.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {
    @Test
    void dialectComesFromTheUrl() {
        assertThat(DatabaseSettings.of("jdbc:sqlite:/tmp/x.db").dialect()).isEqualTo(Dialect.SQLITE);
        assertThat(DatabaseSettings.of("jdbc:postgresql://db:5432/app?user=u").dialect())
                .isEqualTo(Dialect.POSTGRES);
        assertThat(DatabaseSettings.sqlite(Path.of("data/scribehook.db")).jdbcUrl())
                .startsWith("jdbc:sqlite:/")
                .endsWith("data/scribehook.db");
    }

    @Test
    void anUnsupportedUrlIsRefusedNamingTheValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> DatabaseSettings.of("jdbc:mysql://db/app"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'jdbc:mysql://db/app'")
                .hasMessageContaining("jdbc:sqlite:")
                .hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> DatabaseSettings.of("jdbc:mysql://db/app?user=u&password=hunter2"))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void passwordsAreKeptOutOfMessages() {
        DatabaseSettings s = DatabaseSettings.of("jdbc:postgresql://db:5432/app?user=u&password=hunter2&ssl=true");
        assertThat(s.redactedUrl()).isEqualTo("jdbc:postgresql://db:5432/app?user=u&password=***&ssl=true");
        assertThat(s.toString()).doesNotContain("hunter2");
        assertThat(DatabaseSettings.of("jdbc:postgresql://u:secret@db/app").redactedUrl())
                .doesNotContain("secret");
    }

    @Test
    void sqliteFileIsParsedFromTheUrl() {
        assertThat(DatabaseSettings.of("jdbc:sqlite:/var/lib/x.db").sqliteFile())
                .isEqualTo(Path.of("/var/lib/x.db"));
        assertThat(DatabaseSettings.of("jdbc:sqlite:file:/var/lib/x.db?cache=private")
                        .sqliteFile())
                .isEqualTo(Path.of("/var/lib/x.db"));
        assertThat(DatabaseSettings.of("jdbc:sqlite::memory:").sqliteFile()).isNull();
        assertThat(DatabaseSettings.of("jdbc:postgresql://db/app").sqliteFile()).isNull();
    }

    @Test
    void limitsAreChecked() {
        DatabaseSettings s = DatabaseSettings.of("jdbc:sqlite:/tmp/x.db");
        assertThat(s.writeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.writerThreads()).isEqualTo(2);
        assertThat(new DatabaseSettings("jdbc:sqlite:/tmp/x.db", 3, Duration.ofSeconds(1)).writerThreads())
                .isEqualTo(2);
        assertThatThrownBy(() -> s.withMaxPoolSize(0)).hasMessageContaining("maxPoolSize 0");
        assertThatThrownBy(() -> s.withWriteTimeout(Duration.ZERO)).hasMessageContaining("writeTimeout");
        assertThatThrownBy(() -> s.withWriterThreads(0)).hasMessageContaining("writerThreads 0");
    }
}
