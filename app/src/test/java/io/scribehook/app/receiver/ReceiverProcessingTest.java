package io.scribehook.app.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.scribehook.receiver.healthie.HealthieStandIn;
import io.scribehook.signatures.Profile;
import io.scribehook.store.testing.LogCapture;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Processing after the acknowledgement: fetch, lifecycle, attendance, failures, replay, rotation. */
class ReceiverProcessingTest {
    private static ReceiverHarness h;

    @BeforeAll
    static void start() {
        h = ReceiverHarness.start(
                Map.of("SCRIBEHOOK_WEBHOOK_SECRETS", ReceiverHarness.SECRET + "," + ReceiverHarness.OLD_SECRET),
                Clock.systemUTC());
        for (String id : new String[] {
            "2001", "2002", "2003", "2004", "2005", "2006", "2007", "2008", "2009", "2010", "2011", "2012"
        }) {
            h.standIn.putAppointment(id, HealthieStandIn.sampleAppointment(id));
        }
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static String event(String type, String id, long eventTs) {
        return "{\"resource_id\":\"" + id + "\",\"resource_id_type\":\"Appointment\",\"event_type\":\"" + type
                + "\",\"changed_fields\":[]" + (eventTs > 0 ? ",\"event_ts\":" + eventTs : "") + "}";
    }

    private static long sendAndAwait(String body, String status) {
        HttpResponse<String> r = h.send(Profile.HEALTHIE_RFC9421, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        long id = h.newest().get("id").asLong();
        h.awaitStatus(id, status);
        return id;
    }

    @Test
    void outOfOrderLifecycleEventsGiveTheSameFinalState() {
        long start = 1_764_230_000L;
        sendAndAwait(event("appointment.transcript_available", "2001", start + 4000), "processed");
        sendAndAwait(event("appointment.recording_stopped", "2001", start + 2700), "processed");
        sendAndAwait(event("appointment.recording_started", "2001", start), "processed");
        sendAndAwait(event("appointment.recording_started", "2002", start), "processed");
        sendAndAwait(event("appointment.recording_stopped", "2002", start + 2700), "processed");
        sendAndAwait(event("appointment.transcript_available", "2002", start + 4000), "processed");
        JsonNode a = h.appointment("2001").get("recording");
        JsonNode b = h.appointment("2002").get("recording");
        assertThat(a.get("state").asText()).isEqualTo("transcript_available");
        assertThat(a.get("recording_duration_seconds").asLong()).isEqualTo(2700);
        for (String field : new String[] {
            "state",
            "recording_started_at",
            "recording_stopped_at",
            "transcript_available_at",
            "recording_duration_seconds"
        }) {
            assertThat(a.get(field)).as(field).isEqualTo(b.get(field));
        }
        assertThat(h.appointment("2001").get("transcript_ids")).isEmpty();
    }

    @Test
    void withoutEventTsTimesComeFromTheRecordingFilesNotArrival() {
        sendAndAwait(event("appointment.recording_started", "2003", 0), "processed");
        sendAndAwait(event("appointment.recording_completed", "2003", 0), "processed");
        JsonNode r = h.appointment("2003").get("recording");
        assertThat(r.get("recording_started_at").asText()).isEqualTo("2026-03-02T15:00:05Z");
        assertThat(r.get("recording_completed_at").asText()).isEqualTo("2026-03-02T15:45:00Z");
        assertThat(r.get("first_arrival_at").asText()).startsWith("20");
    }

    @Test
    void attendanceKeepsRejoinsAndDropsRedeliveries() {
        String join =
                "{\"resource_id\":\"2004\",\"resource_id_type\":\"Appointment\",\"event_type\":\"appointment.participant_joined\","
                        + "\"changed_fields\":[],\"host_user_id\":\"601\",\"user_name\":\"Pat Example\",\"user_email\":\"Pat@Example.com\",\"event_ts\":%d}";
        String left = join.replace("participant_joined", "participant_left");
        sendAndAwait(String.format(join, 1_764_230_000L), "processed");
        sendAndAwait(String.format(left, 1_764_230_600L), "processed");
        sendAndAwait(String.format(join, 1_764_230_900L), "processed");
        HttpResponse<String> again = h.send(Profile.GUIDE, String.format(join, 1_764_230_900L));
        assertThat(again.body()).contains("duplicate");
        long replayed = h.adminJson("/api/receiver/webhooks?resource_id=2004&status=processed")
                .get("items")
                .get(0)
                .get("id")
                .asLong();
        h.admin("POST", "/api/receiver/webhooks/" + replayed + "/replay", null);
        h.awaitStatus(replayed, "processed");
        JsonNode attendance = h.appointment("2004").get("attendance");
        assertThat(attendance).hasSize(3);
        assertThat(attendance.get(0).get("action").asText()).isEqualTo("joined");
        assertThat(attendance.get(1).get("action").asText()).isEqualTo("left");
        assertThat(attendance.get(2).get("action").asText()).isEqualTo("joined");
    }

    @Test
    void transientApiFailuresAreRetriedUntilProcessed() {
        h.awaitIdle();
        h.standIn.clearRequests();
        h.standIn.rateLimitNext(1);
        long id = sendAndAwait(event("appointment.updated", "2005", 0), "processed");
        assertThat(h.adminJson("/api/receiver/webhooks/" + id).get("attempts").asInt())
                .isEqualTo(1);
        assertThat(h.standIn.requestCount())
                .as("rate limit retried by the client")
                .isEqualTo(2);
        h.awaitIdle();
        h.standIn.serverErrorNext(1);
        long second = sendAndAwait(event("appointment.created", "2005", 0), "processed");
        assertThat(h.adminJson("/api/receiver/webhooks/" + second)
                        .get("attempts")
                        .asInt())
                .isGreaterThanOrEqualTo(2);
        h.awaitIdle();
        h.standIn.graphQlErrorNext("INTERNAL_SERVER_ERROR", "Internal server error", "appointment");
        long third = sendAndAwait(event("appointment.patient_added", "2005", 0), "processed");
        assertThat(h.adminJson("/api/receiver/webhooks/" + third)
                        .get("attempts")
                        .asInt())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aSchemaErrorIsDeadWithItsCodeNotProcessedAsAMissingAppointment() {
        h.awaitIdle();
        h.standIn.hideField("Appointment", "will_be_scribed");
        long id;
        try {
            id = sendAndAwait(event("appointment.updated", "2008", 0), "dead");
        } finally {
            h.standIn.restoreFields();
        }
        assertThat(h.adminJson("/api/receiver/webhooks/" + id).get("reason").asText())
                .isEqualTo("GraphQL undefinedField at ?.appointment.will_be_scribed (HTTP 200)");
        assertThat(h.appointment("2008").has("snapshot"))
                .as("nothing recorded about the appointment")
                .isFalse();
        h.admin("POST", "/api/receiver/webhooks/" + id + "/replay", null);
        h.awaitStatus(id, "processed");
        assertThat(h.appointment("2008").get("snapshot").get("found").asBoolean())
                .isTrue();
    }

    @Test
    void anUpstreamErrorNamingAPatientIsDeadWithAReasonAndLogsFreeOfIt() {
        h.standIn.denyAppointment("2009", "FORBIDDEN", "Jane Doe (jane.doe@example.com) may not view appointment 2009");
        try (LogCapture logs = LogCapture.open()) {
            long id = sendAndAwait(event("appointment.updated", "2009", 0), "dead");
            await().atMost(Duration.ofSeconds(5)).until(() -> logs.text().contains("webhook " + id + " dead"));
            String entry = h.admin("GET", "/api/receiver/webhooks/" + id, null).body();
            String listed = h.admin("GET", "/api/receiver/webhooks?resource_id=2009", null)
                    .body();
            assertThat(ReceiverHarness.json(entry).get("reason").asText())
                    .isEqualTo("GraphQL FORBIDDEN at appointment (HTTP 200)");
            for (String text : new String[] {entry, listed, logs.text()}) {
                assertThat(text).doesNotContainIgnoringCase("jane").doesNotContain("example.com", "may not view");
            }
        } finally {
            h.standIn.allowAppointment("2009");
        }
    }

    @Test
    void attendanceTellsParticipantsApartByPseudonymousKeyAndRole() {
        String joined =
                "{\"resource_id\":\"%s\",\"resource_id_type\":\"Appointment\",\"event_type\":\"appointment.participant_%s\","
                        + "\"changed_fields\":[]%s,\"user_name\":\"%s\",\"user_email\":\"%s\",\"event_ts\":%d}";
        String host = ",\"host_user_id\":\"601\"";
        sendAndAwait(
                String.format(
                        joined,
                        "2010",
                        "joined",
                        host,
                        "Dana Provider",
                        "dana.provider@clinic.example",
                        1_764_300_000L),
                "processed");
        sendAndAwait(
                String.format(joined, "2010", "joined", host, "Pat Example", "Pat@Example.com", 1_764_300_060L),
                "processed");
        sendAndAwait(
                String.format(joined, "2010", "left", host, "Pat E.", " pat@example.com ", 1_764_300_900L),
                "processed");
        sendAndAwait(
                String.format(joined, "2010", "joined", "", "Guest Person", "guest@visitors.example", 1_764_300_120L),
                "processed");
        sendAndAwait(
                String.format(joined, "2011", "joined", host, "Pat Example", "pat@example.com", 1_764_400_000L),
                "processed");

        String body = h.admin("GET", "/api/receiver/appointments/2010", null).body();
        JsonNode a = ReceiverHarness.json(body).get("attendance");
        assertThat(a).hasSize(4);
        assertThat(a)
                .allSatisfy(
                        row -> assertThat(row.get("participant_key").asText()).matches("p_[0-9a-f]{32}"));
        String dana = a.get(0).get("participant_key").asText();
        String pat = a.get(1).get("participant_key").asText();
        assertThat(a.get(0).get("role").asText()).isEqualTo("host");
        assertThat(a.get(1).get("role").asText()).isEqualTo("participant");
        assertThat(a.get(2).get("role").asText()).as("no host_user_id").isEqualTo("unknown");
        assertThat(a.get(3).get("action").asText()).isEqualTo("left");
        assertThat(pat)
                .isNotEqualTo(dana)
                .isNotEqualTo(a.get(2).get("participant_key").asText());
        assertThat(a.get(3).get("participant_key").asText())
                .as("the same email leaving")
                .isEqualTo(pat);
        assertThat(h.appointment("2011")
                        .get("attendance")
                        .get(0)
                        .get("participant_key")
                        .asText())
                .as("the same email in another appointment")
                .isEqualTo(pat);
        assertThat(body)
                .doesNotContainIgnoringCase("dana")
                .doesNotContainIgnoringCase("pat e")
                .doesNotContainIgnoringCase("guest")
                .doesNotContain("@", "example");
    }

    @Test
    void aPermanentFailureIsDeadAndReplayRunsItAgain() {
        h.awaitIdle();
        h.standIn.graphQlErrorNext("FORBIDDEN", "not allowed");
        long id = sendAndAwait(event("appointment.patient_removed", "2006", 0), "dead");
        assertThat(h.adminJson("/api/receiver/webhooks/" + id).get("reason").asText())
                .isNotBlank();
        HttpResponse<String> replay = h.admin("POST", "/api/receiver/webhooks/" + id + "/replay", null);
        assertThat(replay.statusCode()).isEqualTo(202);
        h.awaitStatus(id, "processed");
        assertThat(h.admin("POST", "/api/receiver/webhooks/999999/replay", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aDuplicateTranscriptAvailableRefreshesTheAppointmentAndFindsANewTranscript() {
        String available = event("appointment.transcript_available", "2012", 1_764_234_000L);
        sendAndAwait(available, "processed");
        assertThat(h.appointment("2012").get("transcript_ids")).isEmpty();
        h.standIn.putTranscripts(
                "2012",
                "["
                        + HealthieStandIn.transcript(
                                "t-2012",
                                "completed",
                                "full",
                                "https://files.example/t",
                                "2026-03-02T15:00:05Z",
                                "2026-03-02T15:45:00Z")
                        + "]");
        HttpResponse<String> again = h.send(Profile.HEALTHIE_RFC9421, available);
        assertThat(again.body()).contains("\"duplicate\":true");
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() ->
                        h.appointment("2012").get("transcript_ids").toString().contains("t-2012"));
    }

    @Test
    void aMissingAppointmentIsNotAFailureAndDeletedMarksTheSnapshot() {
        sendAndAwait(event("appointment.updated", "9999", 0), "processed");
        assertThat(h.appointment("9999").get("snapshot").get("found").asBoolean())
                .isFalse();
        h.standIn.notFoundAsError(true);
        try {
            sendAndAwait(event("appointment.updated", "9998", 0), "processed");
        } finally {
            h.standIn.notFoundAsError(false);
        }
        assertThat(h.appointment("9998").get("snapshot").get("found").asBoolean())
                .isFalse();
        sendAndAwait(event("appointment.deleted", "2007", 0), "processed");
        assertThat(h.appointment("2007").get("snapshot").get("deleted").asBoolean())
                .isTrue();
    }

    @Test
    void bothSecretsOfARotationVerifyAndADatabaseSecretIsPickedUp() {
        assertThat(h.send(Profile.GUIDE, event("appointment.updated", "2001", 11), ReceiverHarness.OLD_SECRET)
                        .statusCode())
                .isEqualTo(200);
        assertThat(h.send(
                                Profile.HEALTHIE_RFC9421,
                                event("appointment.updated", "2001", 12),
                                ReceiverHarness.SECRET,
                                ReceiverHarness.OLD_SECRET)
                        .statusCode())
                .isEqualTo(200);
        String added = "whsec_added_through_the_api_42";
        assertThat(h.send(Profile.HEALTHIE_API, event("appointment.updated", "2001", 13), added)
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<String> add =
                h.admin("POST", "/api/receiver/secrets", "{\"key_id\":\"rotated\",\"secret\":\"" + added + "\"}");
        assertThat(add.statusCode()).isEqualTo(201);
        assertThat(add.body()).doesNotContain(added);
        assertThat(h.send(Profile.HEALTHIE_API, event("appointment.updated", "2001", 13), added)
                        .statusCode())
                .isEqualTo(200);
        assertThat(h.newest().get("key_id").asText()).isEqualTo("rotated");
        String listed = h.admin("GET", "/api/receiver/secrets", null).body();
        assertThat(listed).contains("rotated").doesNotContain(added).doesNotContain(ReceiverHarness.SECRET);
    }

    @Test
    void theApiKeyAndVersionHeadersReachTheApi() {
        sendAndAwait(event("appointment.updated", "2002", 77), "processed");
        await().atMost(Duration.ofSeconds(5)).until(() -> h.standIn.requestCount() > 0);
        HealthieStandIn.RecordedRequest req = h.standIn.lastRequest();
        assertThat(req.header("Authorization")).isEqualTo("Basic test-api-key");
        assertThat(req.header("AuthorizationSource")).isEqualTo("API");
        assertThat(req.header("Healthie-GraphQL-API-Version")).isEqualTo("2026-01-01");
    }
}
