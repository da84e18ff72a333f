package io.scribehook.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.scribehook.core.time.ManualClock;
import io.scribehook.hub.graphql.RateLimit;
import io.scribehook.hub.testing.HubTestServer;
import io.scribehook.store.Database;
import io.scribehook.store.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private static final String QUERY = "{ appointments { id } }";

    @Test
    void eachKeyHasItsOwnAllowanceAnsweredAsAGraphQlError() {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
        try (Database db = TestDatabases.sqlite();
                HubTestServer server =
                        HubTestServer.start(db, HubSettings.defaults().withRateLimit(RateLimit.parse("3/1m")), clock)) {
            String key = server.newKey();
            String other = server.newKey();
            for (int i = 0; i < 3; i++) {
                assertThat(server.graphqlOk(key, QUERY, Map.of()).has("errors")).isFalse();
            }
            HttpResponse<String> limited = server.graphql(key, QUERY, Map.of());
            assertThat(limited.statusCode()).isEqualTo(200);
            JsonNode error = HubTestServer.json(limited.body()).path("errors").get(0);
            assertThat(error.path("extensions").path("code").asText()).isEqualTo("TOO_MANY_REQUESTS");
            assertThat(limited.headers().firstValue("Retry-After")).contains("20");

            assertThat(server.graphqlOk(other, QUERY, Map.of()).has("errors"))
                    .as("another key")
                    .isFalse();

            clock.advance(Duration.ofSeconds(19));
            assertThat(server.graphqlOk(key, QUERY, Map.of())
                            .path("errors")
                            .get(0)
                            .path("extensions")
                            .path("code")
                            .asText())
                    .isEqualTo("TOO_MANY_REQUESTS");
            clock.advance(Duration.ofSeconds(1));
            assertThat(server.graphqlOk(key, QUERY, Map.of()).has("errors"))
                    .as("one token back after 20 s")
                    .isFalse();
        }
    }

    @Test
    void limitsAreParsedOrRefusedWithTheAllowedForms() {
        assertThat(RateLimit.parse("off").off()).isTrue();
        assertThat(RateLimit.parse(" 250/1m ")).isEqualTo(new RateLimit(250, Duration.ofMinutes(1)));
        assertThat(RateLimit.parse("10/1s")).isEqualTo(new RateLimit(10, Duration.ofSeconds(1)));
        for (String bad : new String[] {"", "10", "0/1m", "-1/1m", "10/0s", "ten/1m", "10/soon"}) {
            assertThatThrownBy(() -> RateLimit.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("250/1m");
        }
    }
}
