package io.scribehook.app.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.scribehook.core.crypto.DataKeys;
import io.scribehook.receiver.healthie.HealthieStandIn;
import io.scribehook.signatures.Profile;
import io.scribehook.store.testing.PostgresTestDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Webhook in, note out: a signed {@code appointment.transcript_available} reaches the app over HTTP,
 * the transcript (a 60-minute ACI-BENCH visit) is fetched from the GraphQL stand-in through an
 * expiring URL that expires mid-run, drafted, stored encrypted, and read back through
 * {@code /api/scribe}. On SQLite and on PostgreSQL.
 */
class ScribeEndToEndTest {
    private static final Path LONG_VISIT =
            Path.of("..", "scribe", "src", "test", "resources", "vtt", "visit-60min.vtt");

    @Test
    void aTranscriptWebhookEndsAsAnEncryptedNoteServedByTheAdminApiOnSqlite() throws Exception {
        try (ReceiverHarness h = ReceiverHarness.start(keys(), Clock.systemUTC())) {
            webhookToNote(h);
        }
    }

    @Test
    void aTranscriptWebhookEndsAsAnEncryptedNoteServedByTheAdminApiOnPostgres() throws Exception {
        try (PostgresTestDatabase pg = PostgresTestDatabase.create()) {
            Map<String, String> extra = new HashMap<>(keys());
            extra.put("SCRIBEHOOK_DATABASE_URL", pg.jdbcUrl());
            try (ReceiverHarness h = ReceiverHarness.start(extra, Clock.systemUTC())) {
                webhookToNote(h);
            }
        }
    }

    private static Map<String, String> keys() {
        return Map.of("SCRIBEHOOK_DATA_KEY", DataKeys.generate("k1", new SecureRandom()));
    }

    private static void webhookToNote(ReceiverHarness h) throws Exception {
        String id = "9101";
        h.standIn.putAppointment(id, HealthieStandIn.sampleAppointment(id));
        h.standIn.putTranscriptFile("tr-9101", Files.readString(LONG_VISIT));
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        list.add(HealthieStandIn.transcript(
                "tr-9101",
                "completed",
                "processed_recording",
                HealthieStandIn.fileUrl("tr-9101"),
                "2026-03-02T15:00:05Z",
                "2026-03-02T16:00:00Z"));
        h.standIn.putTranscripts(id, list);
        h.standIn.expireNextDownloads(1);
        HttpResponse<String> joined = h.send(
                Profile.HEALTHIE_RFC9421,
                "{\"resource_id\":\"" + id + "\",\"resource_id_type\":\"Appointment\","
                        + "\"event_type\":\"appointment.participant_joined\",\"changed_fields\":[],"
                        + "\"host_user_id\":\"601\",\"user_name\":\"Pat Example\",\"user_email\":\"pat@example.com\","
                        + "\"event_ts\":1772463600}");
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);

        HttpResponse<String> sent = h.send(
                Profile.HEALTHIE_RFC9421,
                "{\"resource_id\":\"" + id + "\",\"resource_id_type\":\"Appointment\","
                        + "\"event_type\":\"appointment.transcript_available\",\"changed_fields\":[]}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

        JsonNode appointment = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> h.adminJson("/api/scribe/appointments/" + id),
                        a -> "drafted".equals(a.path("scribe").path("state").asText()));
        assertThat(appointment.path("scribe").path("transcript_id").asText()).isEqualTo("tr-9101");
        assertThat(appointment.path("scribe").path("note_version").asInt()).isEqualTo(1);
        assertThat(appointment.path("lifecycle").path("state").asText()).isEqualTo("transcript_available");
        assertThat(appointment.path("analysis").path("speakers").size()).isEqualTo(2);
        assertThat(appointment.path("transcripts").get(0).path("turns").asInt()).isGreaterThan(100);
        assertThat(h.standIn.downloads()).hasSize(2);
        assertThat(h.standIn.downloads().get(0)).endsWith("=410");

        JsonNode transcript = h.adminJson("/api/scribe/appointments/" + id + "/transcript");
        assertThat(transcript.path("transcript_type").asText()).isEqualTo("processed_recording");
        assertThat(transcript.path("turns").get(0).path("speaker").asText()).isEqualTo("Dr. Ada Chen");
        assertThat(transcript.path("turns").get(0).path("text").asText()).contains("hurt your knee");

        JsonNode notes = h.adminJson("/api/scribe/appointments/" + id + "/notes");
        assertThat(notes.path("current_version").asInt()).isEqualTo(1);
        assertThat(notes.path("notes").get(0).path("writer").asText()).isEqualTo("offline");
        JsonNode note = h.adminJson("/api/scribe/appointments/" + id + "/notes/1");
        assertThat(note.path("note").path("sections").size()).isGreaterThan(0);
        assertThat(note.path("note").path("draft").asBoolean()).isTrue();
        String announced = h.app.database()
                .withHandle(x -> x.createQuery(
                                "SELECT body FROM delivery_events WHERE event_type = 'scribe.note_drafted' AND resource_id = :a")
                        .bind("a", id)
                        .mapTo(String.class)
                        .one());
        JsonNode thin = new com.fasterxml.jackson.databind.ObjectMapper().readTree(announced);
        assertThat(thin.path("resource_id_type").asText()).isEqualTo("Appointment");
        assertThat(thin.path("note_version").asInt()).isEqualTo(1);

        JsonNode listing = h.adminJson("/api/scribe/appointments?state=drafted");
        assertThat(listing.path("items"))
                .extracting(i -> i.path("appointment_id").asText())
                .contains(id);

        List<String> raw = h.app.database()
                .jdbi()
                .withHandle(x -> x.createQuery("SELECT note FROM scribe_notes UNION ALL SELECT text FROM scribe_turns")
                        .mapTo(String.class)
                        .list());
        assertThat(raw).isNotEmpty().allSatisfy(v -> assertThat(v).startsWith("enc1:k1:"));
        h.awaitIdle();
        List<String> attendance = h.app.database()
                .jdbi()
                .withHandle(x -> x.createQuery("SELECT participant_name FROM receiver_attendance UNION ALL "
                                + "SELECT participant_email FROM receiver_attendance UNION ALL "
                                + "SELECT participant_key FROM receiver_attendance")
                        .mapTo(String.class)
                        .list());
        JsonNode seen = h.adminJson("/api/scribe/appointments/" + id);
        String snapshot = h.app.database()
                .jdbi()
                .withHandle(x -> x.createQuery("SELECT snapshot FROM receiver_appointments WHERE appointment_id = :a")
                        .bind("a", id)
                        .mapTo(String.class)
                        .one());
        assertThat(snapshot).startsWith("enc1:k1:").doesNotContain("Pat");
        assertThat(attendance).hasSize(3);
        assertThat(attendance.subList(0, 2)).allSatisfy(v -> assertThat(v).startsWith("enc1:k1:"));
        assertThat(attendance.get(2)).matches("p_[0-9a-f]{32}");
        assertThat(seen.path("attendance").get(0).path("participant_key").asText())
                .isEqualTo(attendance.get(2));
        assertThat(seen.path("attendance").toString()).doesNotContain("Pat").doesNotContain("@");

        assertError(h.admin("GET", "/api/scribe/appointments/404404", null), 404, "not_found");
        assertError(h.admin("GET", "/api/scribe/appointments/" + id + "/notes/7", null), 404, "not_found");
        assertError(h.admin("GET", "/api/scribe/appointments/" + id + "/notes/x", null), 400, "invalid_request");
        assertError(h.admin("GET", "/api/scribe/appointments/404404/transcript", null), 404, "not_found");
        assertError(h.admin("GET", "/api/scribe/appointments?state=bogus", null), 400, "invalid_request");
        HttpResponse<String> anonymous =
                h.call(HttpRequest.newBuilder(URI.create(h.base() + "/api/scribe/appointments/" + id + "/notes/1"))
                        .build());
        assertError(anonymous, 401, "auth_required");
    }

    private static void assertError(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(ReceiverHarness.json(r.body()).path("error").asText()).isEqualTo(code);
        assertThat(r.body()).doesNotContain("Ada Chen").doesNotContain("knee");
    }
}
