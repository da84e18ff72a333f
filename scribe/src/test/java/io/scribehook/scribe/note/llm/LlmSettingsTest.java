package io.scribehook.scribe.note.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scribehook.core.config.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmSettingsTest {
    private static final String SECRET = "sk-live-5b1f0c9e7a";

    private static Map<String, String> env(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static Map<String, String> base(String... more) {
        Map<String, String> m =
                env(LlmSettings.BASE_URL, "http://127.0.0.1:11434/v1", LlmSettings.MODEL, "llama3.1:8b");
        m.putAll(env(more));
        return m;
    }

    @Test
    void withoutABaseUrlThereIsNoLlm() {
        assertThat(LlmSettings.fromEnv(Map.of())).isEmpty();
        assertThat(LlmSettings.fromEnv(env(LlmSettings.BASE_URL, "  "))).isEmpty();
    }

    @Test
    void readsTheEndpointAndDefaults() {
        LlmSettings s = LlmSettings.fromEnv(base(LlmSettings.API_KEY, SECRET)).orElseThrow();

        assertThat(s.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:11434/v1"));
        assertThat(s.chatCompletionsUrl()).isEqualTo(URI.create("http://127.0.0.1:11434/v1/chat/completions"));
        assertThat(s.model()).isEqualTo("llama3.1:8b");
        assertThat(s.apiKey()).isEqualTo(SECRET);
        assertThat(s.connectTimeout()).isEqualTo(LlmSettings.DEFAULT_CONNECT_TIMEOUT);
        assertThat(s.requestTimeout()).isEqualTo(LlmSettings.DEFAULT_REQUEST_TIMEOUT);
        assertThat(s.retries()).isEqualTo(LlmSettings.DEFAULT_RETRIES);
        assertThat(s.redactPatient()).isTrue();
        assertThat(s.jsonResponseFormat()).isTrue();
    }

    @Test
    void readsTheOptionalKeys() {
        LlmSettings s = LlmSettings.fromEnv(base(
                        LlmSettings.CONNECT_TIMEOUT, "750ms",
                        LlmSettings.REQUEST_TIMEOUT, "2m",
                        LlmSettings.RETRIES, "0",
                        LlmSettings.REDACT, "off",
                        LlmSettings.JSON_MODE, "OFF"))
                .orElseThrow();

        assertThat(s.connectTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.retries()).isZero();
        assertThat(s.redactPatient()).isFalse();
        assertThat(s.jsonResponseFormat()).isFalse();
        assertThat(s.apiKey()).isEmpty();
    }

    @Test
    void aTrailingSlashOnTheBaseUrlMakesNoDoubleSlash() {
        LlmSettings s = LlmSettings.fromEnv(base(LlmSettings.BASE_URL, "https://llm.internal/openai/v1/"))
                .orElseThrow();
        assertThat(s.chatCompletionsUrl()).isEqualTo(URI.create("https://llm.internal/openai/v1/chat/completions"));
    }

    @Test
    void rejectsAnInvalidUrlNamingTheKeyAndValue() {
        for (String bad : new String[] {"not a url", "ftp://host/v1", "/v1", "http://host/v1?x=1", "localhost:8080"}) {
            assertThatThrownBy(() -> LlmSettings.fromEnv(base(LlmSettings.BASE_URL, bad)))
                    .as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(LlmSettings.BASE_URL)
                    .hasMessageContaining(bad)
                    .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(LlmSettings.BASE_URL));
        }
    }

    @Test
    void aUrlWithCredentialsIsRejectedWithoutEchoingThem() {
        assertThatThrownBy(() -> LlmSettings.fromEnv(base(LlmSettings.BASE_URL, "https://bob:hunter2@llm.internal/v1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(LlmSettings.BASE_URL)
                .hasMessageContaining(LlmSettings.API_KEY)
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void rejectsNegativeZeroAndUnreadableTimeouts() {
        for (String key : new String[] {LlmSettings.CONNECT_TIMEOUT, LlmSettings.REQUEST_TIMEOUT}) {
            for (String bad : new String[] {"-5s", "0s", "soon", "5"}) {
                assertThatThrownBy(() -> LlmSettings.fromEnv(base(key, bad)))
                        .as(key + "=" + bad)
                        .isInstanceOf(ConfigException.class)
                        .hasMessageContaining(key + "='" + bad + "'")
                        .hasMessageContaining("positive duration");
            }
        }
    }

    @Test
    void rejectsBadRetriesAndSwitches() {
        assertThatThrownBy(() -> LlmSettings.fromEnv(base(LlmSettings.RETRIES, "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(LlmSettings.RETRIES)
                .hasMessageContaining("0 to 10");
        assertThatThrownBy(() -> LlmSettings.fromEnv(base(LlmSettings.RETRIES, "many")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> LlmSettings.fromEnv(base(LlmSettings.REDACT, "maybe")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(LlmSettings.REDACT)
                .hasMessageContaining("on or off");
    }

    @Test
    void aBaseUrlNeedsAModelAndAModelNeedsABaseUrl() {
        assertThatThrownBy(() -> LlmSettings.fromEnv(env(LlmSettings.BASE_URL, "http://127.0.0.1:8000/v1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(LlmSettings.MODEL);
        assertThatThrownBy(() -> LlmSettings.fromEnv(env(LlmSettings.MODEL, "gpt-4o-mini")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(LlmSettings.BASE_URL);
    }

    @Test
    void theApiKeyIsNeverPrintedNorEchoedInErrors() {
        LlmSettings s = LlmSettings.fromEnv(base(LlmSettings.API_KEY, SECRET)).orElseThrow();
        assertThat(s.toString()).doesNotContain(SECRET).contains("apiKey=<redacted>");

        assertThatThrownBy(() -> LlmSettings.fromEnv(base(LlmSettings.API_KEY, SECRET + " trailing")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(LlmSettings.API_KEY)
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> LlmSettings.fromEnv(env(LlmSettings.API_KEY, SECRET)))
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void theRecordRefusesNonsense() {
        URI url = URI.create("http://127.0.0.1:1/v1");
        assertThatThrownBy(() -> LlmSettings.of(url, " ", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> LlmSettings.of(url, "m", "").withTimeouts(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> LlmSettings.of(url, "m", SECRET + "\r\nX-Injected: 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> LlmSettings.of(url, "m", "").withRetries(-1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retries");
    }
}
