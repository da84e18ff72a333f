package io.scribehook.receiver.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ParticipantKeysTest {
    private final ParticipantKeys keys =
            ParticipantKeys.withKey("server-key-0123456789abcdef0123456".getBytes(StandardCharsets.UTF_8));

    @Test
    void aKeyIsPrefixedTruncatedHexAndHidesItsInput() {
        String k = keys.keyOf("pat@example.com", "Pat Example");
        assertThat(k).matches("p_[0-9a-f]{32}").doesNotContain("pat", "example");
    }

    @Test
    void theSameEmailGivesTheSameKeyWhateverItsCaseOrSpacesOrName() {
        String k = keys.keyOf("pat@example.com", "Pat Example");
        assertThat(keys.keyOf("  Pat@Example.COM ", null)).isEqualTo(k);
        assertThat(keys.keyOf("pat@example.com", "P. Example (phone)")).isEqualTo(k);
        assertThat(keys.keyOf("dana@example.com", "Pat Example")).isNotEqualTo(k);
    }

    @Test
    void withoutAnEmailTheNameDecidesNormalised() {
        String k = keys.keyOf(null, "Pat  Example");
        assertThat(keys.keyOf(" ", " pat example ")).isEqualTo(k);
        assertThat(keys.keyOf(null, "Pat Examples")).isNotEqualTo(k);
        assertThat(keys.keyOf(null, "pat@example.com"))
                .as("a name never collides with an email")
                .isNotEqualTo(keys.keyOf("pat@example.com", null));
        assertThat(keys.keyOf(null, null)).isNull();
        assertThat(keys.keyOf("", "  ")).isNull();
    }

    @Test
    void anotherServerKeyGivesOtherKeys() {
        ParticipantKeys other =
                ParticipantKeys.withKey("another-server-key-0123456789abcd".getBytes(StandardCharsets.UTF_8));
        assertThat(other.keyOf("pat@example.com", null)).isNotEqualTo(keys.keyOf("pat@example.com", null));
    }
}
