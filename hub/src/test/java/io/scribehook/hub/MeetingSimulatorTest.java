package io.scribehook.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.scribehook.core.event.EventTypes;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.hub.graphql.RateLimit;
import io.scribehook.hub.simulate.Conversations;
import io.scribehook.hub.testing.HubTestServer;
import io.scribehook.store.Database;
import io.scribehook.store.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The meeting simulator through the admin route, the hub's own /zoom/webhooks and its workers. */
class MeetingSimulatorTest {
    private static final String SECRET = "zoom-secret-token-0123456789";

    @Test
    void aSimulatedVisitEndsWithTheConversationsTranscriptOnTheAppointment() {
        try (Database db = TestDatabases.sqlite();
                HubTestServer server = HubTestServer.start(
                        db,
                        HubSettings.defaults().withRateLimit(RateLimit.OFF).withZoomSecretToken(SECRET),
                        Clock.systemUTC())) {
            HttpResponse<String> r = server.post(
                    "/api/hub/simulate/meeting",
                    "{\"participants\": 3, \"encounter\": \"D2N070\"}",
                    "Content-Type",
                    "application/json");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode result = HubTestServer.json(r.body());
            String id = result.path("appointment_id").asText();
            assertThat(result.path("encounter").asText()).isEqualTo("D2N070");
            List<String> posted = result.path("events").findValuesAsText("event");
            assertThat(posted)
                    .startsWith("meeting.participant_joined")
                    .endsWith("recording.completed", "recording.transcript_completed")
                    .contains("recording.started", "recording.stopped", "meeting.participant_left");
            assertThat(posted.stream().filter(e -> e.equals("meeting.participant_joined")))
                    .as("three joins and a rejoin")
                    .hasSize(4);

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(server.events().typesFor(id))
                            .contains(
                                    EventTypes.APPOINTMENT_TRANSCRIPT_AVAILABLE,
                                    EventTypes.APPOINTMENT_RECORDING_COMPLETED));
            List<ThinEvent> events = server.events().forResource(id);
            assertThat(events.get(0).eventType()).isEqualTo(EventTypes.APPOINTMENT_CREATED);
            assertThat(events.stream().filter(e -> e.eventType().equals(EventTypes.APPOINTMENT_PARTICIPANT_JOINED)))
                    .hasSize(4)
                    .allSatisfy(e -> assertThat(e.hostUserId())
                            .as("the provider's user id")
                            .isEqualTo("1001"));
            assertThat(events.stream()
                            .filter(e -> e.eventType().startsWith("appointment.recording_")
                                    || e.eventType().equals(EventTypes.APPOINTMENT_TRANSCRIPT_AVAILABLE)))
                    .as("recording and transcript events carry the Zoom event's time")
                    .hasSize(4)
                    .allSatisfy(e -> assertThat(e.eventTs()).isNotNull().isBefore(Instant.now()));
            assertThat(events.stream().filter(e -> e.eventType().equals(EventTypes.APPOINTMENT_PARTICIPANT_LEFT)))
                    .hasSize(4)
                    .extracting(ThinEvent::participantName)
                    .contains("Logan Walker", "Dr. Patel", "Guest 1");

            String key = server.newKey();
            JsonNode ap = server.graphqlOk(
                            key,
                            "query($id: ID) { appointment(id: $id) { user { last_name } otherParty { firstName lastName } "
                                    + "zoom_cloud_recording_files { file_type } transcripts { expiring_url } } }",
                            Map.of("id", id))
                    .path("data")
                    .path("appointment");
            assertThat(ap.path("otherParty").path("firstName").asText()).isEqualTo("Logan");
            assertThat(ap.path("user").path("last_name").asText()).isEqualTo("Patel");
            assertThat(ap.path("zoom_cloud_recording_files").findValuesAsText("file_type"))
                    .containsExactlyInAnyOrder("MP4", "M4A", "TRANSCRIPT");
            String vtt = server.get(
                            ap.path("transcripts").get(0).path("expiring_url").asText())
                    .body();
            assertThat(vtt).isEqualTo(Conversations.load("D2N070").webVtt());
        }
    }

    @Test
    void withoutAZoomSecretOrWithBadInputTheSimulatorRefuses() {
        try (Database db = TestDatabases.sqlite();
                HubTestServer plain = HubTestServer.start(db, HubSettings.defaults(), Clock.systemUTC())) {
            HttpResponse<String> r = plain.post("/api/hub/simulate/meeting", "{}");
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(HubTestServer.json(r.body()).path("error").asText()).isEqualTo("zoom_not_configured");
        }
        try (Database db = TestDatabases.sqlite();
                HubTestServer server = HubTestServer.start(
                        db, HubSettings.defaults().withZoomSecretToken(SECRET), Clock.systemUTC())) {
            for (String bad : List.of("{\"participants\": 1}", "{\"minutes\": 0}", "{\"encounter\": \"D2N999\"}")) {
                HttpResponse<String> r = server.post("/api/hub/simulate/meeting", bad);
                assertThat(r.statusCode()).as(bad).isEqualTo(400);
            }
            assertThat(server.events().all()).isEmpty();
        }
    }

    @Test
    void simulatedFilesNeedTheirDownloadToken() {
        try (Database db = TestDatabases.sqlite();
                HubTestServer server = HubTestServer.start(db, HubSettings.defaults(), Clock.systemUTC())) {
            db.writer().write(h -> {
                io.scribehook.hub.simulate.SimulatedFiles.store(
                        h, "f1", "tok", "text/vtt", "WEBVTT\n", java.time.Instant.now());
                return null;
            });
            assertThat(server.get("/hub/simulator/files/f1").statusCode()).isEqualTo(401);
            assertThat(server.get("/hub/simulator/files/nope").statusCode()).isEqualTo(404);
        }
    }
}
