package io.scribehook.receiver.healthie;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HealthieTimesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2026-03-02T15:00:00Z|2026-03-02T15:00:00Z",
                "2026-03-02T10:00:00-05:00|2026-03-02T15:00:00Z",
                "2026-03-02T10:00:00.250+01:00|2026-03-02T09:00:00.250Z",
                "2026-03-02 10:00:00 -0500|2026-03-02T15:00:00Z",
                "2026-03-02 10:00:00 +05:30|2026-03-02T04:30:00Z",
                "2026-03-02 15:00:00 UTC|2026-03-02T15:00:00Z",
                "2026-03-02 15:00:00.5 +0000|2026-03-02T15:00:00.5Z",
                "2026-03-02T10:00:00-0500|2026-03-02T15:00:00Z",
                "2026-03-02|2026-03-02T00:00:00Z",
            })
    void readsHealthieTimestamps(String text, String expected) {
        assertThat(HealthieTimes.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"garbage", "2026-03-02 10:00:00", "2026-13-02T10:00:00Z", "10:00"})
    void unreadableIsNull(String text) {
        assertThat(HealthieTimes.parse(text)).isNull();
    }
}
