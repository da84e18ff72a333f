package io.scribehook.app.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.scribehook.receiver.healthie.HealthieStandIn;
import io.scribehook.signatures.Profile;
import io.scribehook.store.testing.PostgresTestDatabase;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The guide's {@code notifyMeetingStart}: a subscriber registered through
 * {@code /api/receiver/notify} receives exactly one signed {@code scribe.meeting_started} per
 * appointment, however many joins, redeliveries and leaves arrive, without names or emails; the
 * event is written by the transaction that records the first join. On SQLite and PostgreSQL.
 */
class MeetingStartedNotifyTest {

    @Test
    void theFirstJoinAnnouncesTheMeetingOnceOnSqlite() throws Exception {
        meetingStartsOnce(Map.of());
    }

    @Test
    void theFirstJoinAnnouncesTheMeetingOnceOnPostgres() throws Exception {
        try (PostgresTestDatabase pg = PostgresTestDatabase.create()) {
            meetingStartsOnce(Map.of("SCRIBEHOOK_DATABASE_URL", pg.jdbcUrl()));
        }
    }

    private static void meetingStartsOnce(Map<String, String> extra) throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        HttpServer subscriber = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        subscriber.createContext("/hooks", exchange -> {
            try (exchange) {
                delivered.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        subscriber.start();
        Map<String, String> config = new HashMap<>(extra);
        config.put("SCRIBEHOOK_HUB_ALLOWED_TARGETS", "127.0.0.1/32");
        try (ReceiverHarness h = ReceiverHarness.start(config, Clock.systemUTC())) {
            String url = "http://127.0.0.1:" + subscriber.getAddress().getPort() + "/hooks";
            HttpResponse<String> added = h.admin(
                    "POST",
                    "/api/receiver/notify",
                    "{\"url\":\"" + url + "\",\"events\":[\"scribe.meeting_started\"]}");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            JsonNode hook = ReceiverHarness.json(added.body());
            assertThat(hook.path("signature_secret").asText()).startsWith("whsec_");
            JsonNode listed = h.adminJson("/api/receiver/notify");
            assertThat(listed.path("webhooks")).hasSize(1);
            assertThat(listed.toString()).doesNotContain("whsec_");
            HttpResponse<String> invalid =
                    h.admin("POST", "/api/receiver/notify", "{\"url\":\"ftp://x\",\"events\":[]}");
            assertThat(invalid.statusCode()).isEqualTo(400);

            String id = "9501";
            h.standIn.putAppointment(id, HealthieStandIn.sampleAppointment(id));
            String pat = join(id, "appointment.participant_joined", "Pat Example", "pat@example.com", 1772463600);
            assertThat(h.send(Profile.HEALTHIE_RFC9421, pat).statusCode()).isEqualTo(200);
            h.awaitIdle();
            assertThat(h.send(
                                    Profile.HEALTHIE_RFC9421,
                                    join(
                                            id,
                                            "appointment.participant_joined",
                                            "Dana Provider",
                                            "dana@clinic.example",
                                            1772463660))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(h.send(Profile.HEALTHIE_RFC9421, pat).statusCode()).isEqualTo(200);
            assertThat(h.send(
                                    Profile.HEALTHIE_RFC9421,
                                    join(
                                            id,
                                            "appointment.participant_left",
                                            "Pat Example",
                                            "pat@example.com",
                                            1772467200))
                            .statusCode())
                    .isEqualTo(200);
            h.awaitIdle();

            await().atMost(Duration.ofSeconds(20)).until(() -> delivered.size() >= 1);
            List<String> events = h.app.database()
                    .withHandle(x -> x.createQuery(
                                    "SELECT body FROM delivery_events WHERE event_type = 'scribe.meeting_started'")
                            .mapTo(String.class)
                            .list());
            assertThat(events).hasSize(1);
            JsonNode body = ReceiverHarness.json(delivered.get(0));
            assertThat(body.path("event_type").asText()).isEqualTo("scribe.meeting_started");
            assertThat(body.path("resource_id").asText()).isEqualTo(id);
            assertThat(body.path("resource_id_type").asText()).isEqualTo("Appointment");
            assertThat(body.path("host_user_id").asText()).isEqualTo("601");
            assertThat(delivered.get(0))
                    .doesNotContain("Pat")
                    .doesNotContain("Dana")
                    .doesNotContain("@");
            int attendance = h.app.database()
                    .withHandle(x -> x.createQuery("SELECT count(*) FROM receiver_attendance WHERE appointment_id = :a")
                            .bind("a", id)
                            .mapTo(Integer.class)
                            .one());
            assertThat(attendance).isEqualTo(3);

            assertThat(h.admin(
                                    "DELETE",
                                    "/api/receiver/notify/" + hook.path("id").asLong(),
                                    null)
                            .statusCode())
                    .isEqualTo(204);
            assertThat(h.admin(
                                    "DELETE",
                                    "/api/receiver/notify/" + hook.path("id").asLong(),
                                    null)
                            .statusCode())
                    .isEqualTo(404);
            assertThat(h.adminJson("/api/receiver/notify").path("webhooks")).isEmpty();
            assertThat(delivered).hasSize(1);
        } finally {
            subscriber.stop(0);
        }
    }

    private static String join(String id, String event, String name, String email, long ts) {
        return "{\"resource_id\":\"" + id + "\",\"resource_id_type\":\"Appointment\",\"event_type\":\"" + event
                + "\",\"changed_fields\":[],\"host_user_id\":\"601\",\"user_name\":\"" + name
                + "\",\"user_email\":\"" + email + "\",\"event_ts\":" + ts + "}";
    }
}
