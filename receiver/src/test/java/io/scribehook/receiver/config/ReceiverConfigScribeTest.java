package io.scribehook.receiver.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scribehook.core.config.ConfigException;
import io.scribehook.core.config.ConfigSource;
import io.scribehook.core.crypto.DataKeys;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scribe's receiver keys: data keys (never shown in errors) and the transcript wait. */
class ReceiverConfigScribeTest {

    private static ReceiverConfig of(Map<String, String> values) {
        return ReceiverConfig.from(ConfigSource.of(values), Optional.empty());
    }

    @Test
    void defaultsAreNoDataKeyAndADayOfWaiting() {
        ReceiverConfig c = of(Map.of());
        assertThat(c.dataKeys()).isEmpty();
        assertThat(c.transcriptWait()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void readsSeveralKeysTheFirstCurrentAndTheWait() {
        SecureRandom random = new SecureRandom();
        String keys = DataKeys.generate("new", random) + "," + DataKeys.generate("old", random);
        ReceiverConfig c = of(Map.of("SCRIBEHOOK_DATA_KEY", keys, "SCRIBEHOOK_TRANSCRIPT_WAIT", "36h"));
        assertThat(c.dataKeys()).get().extracting(DataKeys::currentId).isEqualTo("new");
        assertThat(c.dataKeys().get().ids()).containsExactly("new", "old");
        assertThat(c.transcriptWait()).isEqualTo(Duration.ofHours(36));
    }

    @Test
    void aBadKeyStopsStartWithoutShowingIt() {
        assertThatThrownBy(() -> of(Map.of("SCRIBEHOOK_DATA_KEY", "k1:c2VjcmV0LXNob3J0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SCRIBEHOOK_DATA_KEY")
                .hasMessageContaining("16, 24 or 32 bytes")
                .hasMessageNotContaining("c2VjcmV0LXNob3J0");
        assertThatThrownBy(() -> of(Map.of("SCRIBEHOOK_TRANSCRIPT_WAIT", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SCRIBEHOOK_TRANSCRIPT_WAIT");
    }
}
