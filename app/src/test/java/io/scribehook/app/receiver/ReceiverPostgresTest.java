package io.scribehook.app.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.scribehook.receiver.healthie.HealthieStandIn;
import io.scribehook.signatures.Profile;
import io.scribehook.store.testing.PostgresTestDatabase;
import io.scribehook.store.testing.TcpProxy;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The receiver's storage paths on PostgreSQL, reached through a TCP proxy the test can cut: a cut
 * database answers 503 with Retry-After, and nothing is acknowledged that was not stored.
 */
class ReceiverPostgresTest {
    private PostgresTestDatabase pg;
    private TcpProxy proxy;
    private ReceiverHarness h;

    @BeforeEach
    void start() {
        pg = PostgresTestDatabase.create();
        proxy = TcpProxy.start(PostgresTestDatabase.HOST, PostgresTestDatabase.PORT);
        h = ReceiverHarness.start(
                Map.of("SCRIBEHOOK_DATABASE_URL", pg.jdbcUrl(proxy.host(), proxy.port())), Clock.systemUTC());
        for (int i = 0; i < 50; i++) {
            h.standIn.putAppointment("40" + i, HealthieStandIn.sampleAppointment("40" + i));
        }
    }

    @AfterEach
    void stop() {
        h.close();
        proxy.close();
        pg.close();
    }

    private static String body(String type, String id) {
        return "{\"resource_id\":\"" + id + "\",\"resource_id_type\":\"Appointment\",\"event_type\":\"" + type
                + "\",\"changed_fields\":[]}";
    }

    @Test
    void acceptsDeduplicatesAndProcessesOnPostgres() {
        assertThat(h.send(Profile.GUIDE, body("appointment.recording_stopped", "400"))
                        .body())
                .isEqualTo("{\"received\":true}");
        long id = h.newest().get("id").asLong();
        assertThat(h.send(Profile.HEALTHIE_API, body("appointment.recording_stopped", "400"))
                        .body())
                .contains("\"duplicate\":true");
        h.awaitStatus(id, "processed");
        assertThat(h.send(Profile.HEALTHIE_RFC9421, body("appointment.recording_started", "400"))
                        .statusCode())
                .isEqualTo(200);
        h.awaitIdle();
        JsonNode rec = h.appointment("400").get("recording");
        assertThat(rec.get("state").asText()).isEqualTo("processing");
        assertThat(rec.get("recording_duration_seconds").asLong()).isEqualTo(2695);
    }

    @Test
    void aCutDatabaseAnswers503AndAcknowledgesNothingItDidNotStore() throws Exception {
        assertThat(h.send(Profile.GUIDE, body("appointment.updated", "401")).statusCode())
                .isEqualTo(200);

        List<CompletableFuture<Map.Entry<String, Integer>>> sent = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 40; i++) {
                String resource = "5" + i;
                sent.add(CompletableFuture.supplyAsync(
                        () -> Map.entry(
                                resource,
                                h.send(Profile.HEALTHIE_RFC9421, body("appointment.updated", resource))
                                        .statusCode()),
                        pool));
                if (i == 15) {
                    proxy.cut();
                }
            }
        }
        HttpResponse<String> during = h.send(Profile.GUIDE, body("appointment.updated", "402"));
        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(during.headers().firstValue("Retry-After")).isPresent();
        assertThat(ReceiverHarness.json(during.body()).get("error").asText()).isEqualTo("store_unavailable");
        HttpResponse<String> ready =
                h.call(HttpRequest.newBuilder(URI.create(h.base() + "/readyz")).build());
        assertThat(ready.statusCode()).isEqualTo(503);

        proxy.restore();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> h.send(Profile.GUIDE, body("appointment.updated", "403"))
                                .statusCode()
                        == 200);

        Set<String> acknowledged = new HashSet<>();
        for (var f : sent) {
            Map.Entry<String, Integer> r = f.get();
            assertThat(r.getValue()).as("every answer is 200 or 503").isIn(200, 503);
            if (r.getValue() == 200) {
                acknowledged.add(r.getKey());
            }
        }
        Set<String> stored = new HashSet<>(
                h.adminJson("/api/receiver/webhooks?limit=500").get("items").findValuesAsText("resource_id"));
        assertThat(stored).containsAll(acknowledged);
        assertThat(stored).doesNotContain("402");
    }
}
