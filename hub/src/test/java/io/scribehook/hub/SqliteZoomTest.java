package io.scribehook.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.core.time.ManualClock;
import io.scribehook.hub.testing.HubTestServer;
import io.scribehook.store.Database;
import io.scribehook.store.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SqliteZoomTest extends ZoomContract {
    @Override
    Database openDatabase() {
        return TestDatabases.sqlite();
    }

    @Test
    void withoutASecretTokenZoomEventsAreRefused() {
        try (Database other = TestDatabases.sqlite();
                HubTestServer noToken = HubTestServer.start(
                        other, HubSettings.defaults(), new ManualClock(Instant.parse("2026-03-01T00:00:00Z")))) {
            HttpResponse<String> r = noToken.post("/zoom/webhooks", "{\"event\":\"recording.started\"}");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(HubTestServer.json(r.body()).path("error").asText()).isEqualTo("zoom_not_configured");
        }
    }
}
