package io.scribehook.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.core.time.ManualClock;
import io.scribehook.hub.testing.HubTestServer;
import io.scribehook.store.Database;
import io.scribehook.store.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/hub/trigger} over real HTTP: its answers, and the events it hands to the hub's
 * {@code HubEvents} (the delivery outbox in the app, where HubTriggerRedeliverTest follows them to an
 * endpoint on SQLite and PostgreSQL).
 */
class TriggerRouteTest {
    private Database db;
    private HubTestServer server;

    @BeforeEach
    void start() {
        db = TestDatabases.sqlite();
        server =
                HubTestServer.start(db, HubSettings.defaults(), new ManualClock(Instant.parse("2026-03-01T12:00:00Z")));
    }

    @AfterEach
    void stop() {
        server.close();
        db.close();
    }

    private HttpResponse<String> trigger(String body) {
        return server.post("/api/hub/trigger", body, "Content-Type", "application/json");
    }

    @Test
    void participantEventsCarryTheParticipantAndAnAttendanceFixture() {
        HttpResponse<String> r = trigger("{\"event_type\":\"appointment.participant_left\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode a = HubTestServer.json(r.body());
        String id = a.path("appointment_id").asText();
        assertThat(a.path("created").get(0).asText()).isEqualTo("appointment " + id);
        assertThat(a.path("created").get(1).asText()).isEqualTo("attendance (left)");
        ThinEvent e = server.events().forResource(id).get(0);
        assertThat(e.eventType()).isEqualTo("appointment.participant_left");
        assertThat(e.hostUserId()).isEqualTo("1001");
        assertThat(e.participantName()).isEqualTo("Sample Patient");
        assertThat(e.eventTs()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(server.events().forResource(id)).hasSize(1);
    }

    @Test
    void updatedNamesTheRescheduledDate() {
        trigger("{\"event_type\":\"appointment.created\",\"appointment_id\":77}");
        HttpResponse<String> r = trigger("{\"event_type\":\"appointment.updated\",\"appointment_id\":\"77\"}");
        assertThat(HubTestServer.json(r.body()).path("changed_fields").get(0).asText())
                .isEqualTo("date");
        assertThat(server.events().typesFor("77")).containsExactly("appointment.created", "appointment.updated");
        assertThat(server.hub().appointments().find(77).orElseThrow().date())
                .isEqualTo(Instant.parse("2026-03-01T12:20:00Z"));
    }

    @Test
    void badRequestsAreNamed() {
        HttpResponse<String> unknown = trigger("{\"event_type\":\"form.created\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(HubTestServer.json(unknown.body()).path("error").asText()).isEqualTo("unknown_event_type");
        assertThat(unknown.body()).contains("appointment.transcript_available");
        HttpResponse<String> missing = trigger("{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(HubTestServer.json(missing.body()).path("message").asText()).contains("event_type");
        HttpResponse<String> badId = trigger("{\"event_type\":\"appointment.created\",\"appointment_id\":\"x\"}");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(HubTestServer.json(badId.body()).path("message").asText()).contains("appointment_id");
        assertThat(server.events().all()).isEmpty();
    }
}
