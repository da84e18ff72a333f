package io.scribehook.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scribehook.core.event.EventTypes;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.core.time.ManualClock;
import io.scribehook.hub.appointments.Appointment;
import io.scribehook.hub.appointments.AppointmentFields;
import io.scribehook.hub.graphql.RateLimit;
import io.scribehook.hub.testing.HubTestServer;
import io.scribehook.hub.testing.ZoomStandIn;
import io.scribehook.hub.zoom.ZoomInbox;
import io.scribehook.signatures.ZoomSignature;
import io.scribehook.store.Database;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /zoom/webhooks} over real HTTP: validation, signatures and the mapping to appointment events. */
abstract class ZoomContract {
    static final String SECRET = "zoom-secret-token-0123456789";
    static final String MEETING = "85746352910";
    static final String TOKEN = "download-token-abc";
    static final String VTT =
            "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.500\nDr. Ada Provider: How are you feeling today?\n";
    static final ObjectMapper JSON = new ObjectMapper();

    ManualClock clock;
    Database db;
    HubTestServer server;

    abstract Database openDatabase();

    @BeforeEach
    void start() {
        clock = new ManualClock(Instant.parse("2026-03-01T15:00:00Z"));
        db = openDatabase();
        server = HubTestServer.start(
                db, HubSettings.defaults().withRateLimit(RateLimit.OFF).withZoomSecretToken(SECRET), clock);
    }

    @AfterEach
    void stop() {
        server.close();
        db.close();
    }

    HttpResponse<String> zoom(String body) {
        String ts = Long.toString(clock.instant().getEpochSecond());
        return server.post(
                "/zoom/webhooks",
                body,
                "Content-Type",
                "application/json",
                "x-zm-request-timestamp",
                ts,
                "x-zm-signature",
                ZoomSignature.sign(SECRET, ts, body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    static String envelope(String event, long eventTsMillis, Map<String, Object> object, String downloadToken) {
        try {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("event", event);
            m.put("event_ts", eventTsMillis);
            m.put("payload", Map.of("account_id", "acc-1", "object", object));
            if (downloadToken != null) {
                m.put("download_token", downloadToken);
            }
            return JSON.writeValueAsString(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> participant(String name, String email, String userId, String timeField, String time) {
        return Map.of(
                "id",
                Long.parseLong(MEETING),
                "uuid",
                "uuid-1==",
                "host_id",
                "host-zoom-1",
                "participant",
                Map.of("user_id", userId, "user_name", name, "email", email, timeField, time));
    }

    Appointment appointment() {
        return server.hub()
                .appointments()
                .create(new AppointmentFields(
                        EnumSet.of(AppointmentFields.Field.DATE, AppointmentFields.Field.ZOOM_MEETING_ID),
                        clock.instant(),
                        null,
                        null,
                        MEETING,
                        null,
                        null,
                        null));
    }

    @Test
    void urlValidationIsAnsweredWithTheEncryptedToken() throws Exception {
        HttpResponse<String> r =
                zoom("{\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\"}}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("plainToken").asText()).isEqualTo("qgg8vlvZRS6UYooatFL8Aw");
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(), "HmacSHA256"));
        assertThat(body.path("encryptedToken").asText())
                .isEqualTo(java.util.HexFormat.of().formatHex(mac.doFinal("qgg8vlvZRS6UYooatFL8Aw".getBytes())));
    }

    @Test
    void unsignedOrBadlySignedRequestsAreRefused() {
        String body = "{\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":\"x\"}}";
        HttpResponse<String> unsigned = server.post("/zoom/webhooks", body, "Content-Type", "application/json");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(HubTestServer.json(unsigned.body()).path("error").asText()).isEqualTo("missing_signature");
        String ts = Long.toString(clock.instant().getEpochSecond());
        HttpResponse<String> wrong = server.post(
                "/zoom/webhooks",
                body,
                "x-zm-request-timestamp",
                ts,
                "x-zm-signature",
                ZoomSignature.sign("another-secret", ts, body.getBytes()));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(HubTestServer.json(wrong.body()).path("error").asText()).isEqualTo("signature_invalid");
        String old = Long.toString(clock.instant().minusSeconds(600).getEpochSecond());
        HttpResponse<String> stale = server.post(
                "/zoom/webhooks",
                body,
                "x-zm-request-timestamp",
                old,
                "x-zm-signature",
                ZoomSignature.sign(SECRET, old, body.getBytes()));
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(server.events().all()).isEmpty();
    }

    @Test
    void aMeetingsZoomEventsBecomeAppointmentEventsWithFilesAndTranscript() {
        Appointment a = appointment();
        String id = a.idText();
        try (ZoomStandIn files = ZoomStandIn.start(TOKEN, "file-vtt", VTT)) {
            long ts = clock.millis();
            List<String> bodies = List.of(
                    envelope(
                            "meeting.participant_joined",
                            ts,
                            participant(
                                    "Ada Provider",
                                    "ada@clinic.example",
                                    "16778240",
                                    "join_time",
                                    "2026-03-01T15:00:05Z"),
                            null),
                    envelope(
                            "meeting.participant_joined",
                            ts + 1,
                            participant(
                                    "Pat Patient", "pat@example.com", "16779264", "join_time", "2026-03-01T15:01:00Z"),
                            null),
                    envelope(
                            "meeting.participant_left",
                            ts + 2,
                            participant(
                                    "Pat Patient", "pat@example.com", "16779264", "leave_time", "2026-03-01T15:05:00Z"),
                            null),
                    envelope(
                            "meeting.participant_joined",
                            ts + 3,
                            participant(
                                    "Pat Patient", "pat@example.com", "16779264", "join_time", "2026-03-01T15:05:30Z"),
                            null),
                    envelope(
                            "recording.started",
                            ts + 4,
                            Map.of("id", Long.parseLong(MEETING), "uuid", "uuid-1=="),
                            null),
                    envelope(
                            "recording.stopped",
                            ts + 5,
                            Map.of("id", Long.parseLong(MEETING), "uuid", "uuid-1=="),
                            null),
                    envelope(
                            "recording.completed",
                            ts + 6,
                            Map.of(
                                    "id",
                                    Long.parseLong(MEETING),
                                    "recording_files",
                                    List.of(Map.of(
                                            "id", "file-mp4",
                                            "file_type", "MP4",
                                            "file_size", 52428800,
                                            "download_url", files.downloadUrl("file-mp4"),
                                            "recording_start", "2026-03-01T15:02:00Z",
                                            "recording_end", "2026-03-01T15:20:00Z",
                                            "recording_type", "shared_screen_with_speaker_view",
                                            "status", "completed"))),
                            TOKEN),
                    envelope(
                            "recording.transcript_completed",
                            ts + 7,
                            Map.of(
                                    "id",
                                    Long.parseLong(MEETING),
                                    "recording_files",
                                    List.of(Map.of(
                                            "id", "file-vtt",
                                            "file_type", "TRANSCRIPT",
                                            "file_extension", "VTT",
                                            "download_url", files.downloadUrl("file-vtt"),
                                            "recording_start", "2026-03-01T15:02:00Z",
                                            "recording_end", "2026-03-01T15:20:00Z",
                                            "status", "completed"))),
                            TOKEN));
            for (String body : bodies) {
                HttpResponse<String> r = zoom(body);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
            assertThat(zoom(bodies.get(0)).statusCode()).as("a redelivery").isEqualTo(200);

            List<String> expected = List.of(
                    EventTypes.APPOINTMENT_CREATED,
                    EventTypes.APPOINTMENT_PARTICIPANT_JOINED,
                    EventTypes.APPOINTMENT_PARTICIPANT_JOINED,
                    EventTypes.APPOINTMENT_PARTICIPANT_LEFT,
                    EventTypes.APPOINTMENT_PARTICIPANT_JOINED,
                    EventTypes.APPOINTMENT_RECORDING_STARTED,
                    EventTypes.APPOINTMENT_RECORDING_STOPPED,
                    EventTypes.APPOINTMENT_RECORDING_COMPLETED,
                    EventTypes.APPOINTMENT_TRANSCRIPT_AVAILABLE);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() ->
                            assertThat(server.events().typesFor(id)).containsExactlyInAnyOrderElementsOf(expected));
            assertThat(files.authorizations()).containsOnly("Bearer " + TOKEN);
        }
        List<ThinEvent> left = server.events().forResource(id).stream()
                .filter(e -> e.eventType().equals(EventTypes.APPOINTMENT_PARTICIPANT_LEFT))
                .toList();
        assertThat(left.get(0).participantName()).isEqualTo("Pat Patient");
        assertThat(left.get(0).participantEmail()).isEqualTo("pat@example.com");
        assertThat(left.get(0).hostUserId()).isEqualTo("host-zoom-1");
        assertThat(left.get(0).eventTs()).isEqualTo(Instant.parse("2026-03-01T15:05:00Z"));
        assertThat(left.get(0).resourceType()).isEqualTo("Appointment");

        String key = server.newKey();
        JsonNode ap = server.graphqlOk(
                        key,
                        "query($id: ID) { appointment(id: $id) { zoom_cloud_recording_files { id file_type file_size } "
                                + "transcripts { transcript_type status expiring_url transcript_start } } }",
                        Map.of("id", id))
                .path("data")
                .path("appointment");
        assertThat(ap.path("zoom_cloud_recording_files"))
                .extracting(f -> f.path("file_type").asText())
                .containsExactlyInAnyOrder("MP4", "TRANSCRIPT");
        JsonNode t = ap.path("transcripts").get(0);
        assertThat(ap.path("transcripts")).hasSize(1);
        assertThat(t.path("transcript_type").asText()).isEqualTo("processed_recording");
        assertThat(t.path("transcript_start").asText()).isEqualTo("2026-03-01 15:02:00 +0000");
        assertThat(server.get(t.path("expiring_url").asText()).body()).isEqualTo(VTT);
    }

    @Test
    void eventsOfUnknownMeetingsAreKeptAndEmitNothing() {
        HttpResponse<String> r =
                zoom(envelope("recording.started", clock.millis(), Map.of("id", 999L, "uuid", "nobody=="), null));
        assertThat(r.statusCode()).isEqualTo(200);
        long id = db.withHandle(h -> h.createQuery("SELECT max(id) FROM hub_zoom_events")
                .mapTo(Long.class)
                .one());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> server.hub().zoomInbox().status(id).orElse(""), ZoomInbox.UNMATCHED::equals);
        assertThat(server.events().all()).isEmpty();
    }

    @Test
    void aTranscriptThatCannotBeDownloadedIsReportedAsFailed() {
        Appointment a = appointment();
        try (ZoomStandIn files = ZoomStandIn.start(TOKEN, "file-vtt", VTT)) {
            String body = envelope(
                    "recording.transcript_completed",
                    clock.millis(),
                    Map.of(
                            "id",
                            Long.parseLong(MEETING),
                            "recording_files",
                            List.of(Map.of(
                                    "id", "file-vtt",
                                    "file_type", "TRANSCRIPT",
                                    "download_url", files.downloadUrl("file-vtt")))),
                    "an-expired-token");
            assertThat(zoom(body).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(server.events().typesFor(a.idText()))
                            .containsExactly(EventTypes.APPOINTMENT_CREATED, EventTypes.APPOINTMENT_TRANSCRIPT_FAILED));
        }
    }
}
