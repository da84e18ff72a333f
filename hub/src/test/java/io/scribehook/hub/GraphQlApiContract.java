package io.scribehook.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scribehook.core.event.EventTypes;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.core.time.ManualClock;
import io.scribehook.hub.appointments.Appointment;
import io.scribehook.hub.appointments.AppointmentFields;
import io.scribehook.hub.appointments.Person;
import io.scribehook.hub.appointments.RecordingFile;
import io.scribehook.hub.appointments.RecordingFiles;
import io.scribehook.hub.appointments.Transcript;
import io.scribehook.hub.appointments.Transcripts;
import io.scribehook.hub.graphql.RateLimit;
import io.scribehook.hub.testing.HubTestServer;
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

/** {@code /graphql} and transcript downloads over real HTTP, run against each database. */
abstract class GraphQlApiContract {
    /** The guide's query, copied verbatim from its "Pattern 1" sample. */
    static final String GUIDE_GET_APPOINTMENT = """
            query GetAppointment($id: ID!) {
            appointment(id: $id) {
            id
            date
            otherParty {
            id
            firstName
            lastName
            }
            user {
            id
            firstName
            lastName
            }
            zoomMeetingId
            isGroup
            # Add other fields you need
            }
            }
            """;

    static final String SNAKE_APPOINTMENT = """
            query appointment($id: ID!) {
              appointment(id: $id) {
                id date is_group zoom_meeting_id will_be_scribed
                other_party { id first_name last_name email }
                user { id first_name last_name email }
                zoom_cloud_recording_files { id download_url file_size file_type meeting_id \
            recording_start recording_end recording_type status }
                transcripts { id expiring_url status transcript_start transcript_end transcript_type }
              }
            }""";

    static final String CREATE = """
            mutation create($input: createAppointmentInput!) {
              createAppointment(input: $input) {
                messages { field message }
                appointment { id date zoom_meeting_id user { id first_name } other_party { id last_name } }
              }
            }""";

    static final Instant DATE = Instant.parse("2026-03-01T15:00:00Z");

    ManualClock clock;
    Database db;
    HubTestServer server;
    String key;

    abstract Database openDatabase();

    HubSettings settings() {
        return HubSettings.defaults().withRateLimit(RateLimit.OFF);
    }

    @BeforeEach
    void start() {
        clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
        db = openDatabase();
        server = HubTestServer.start(db, settings(), clock);
        key = server.newKey();
    }

    @AfterEach
    void stop() {
        server.close();
        db.close();
    }

    Appointment appointment(String meetingId) {
        return server.hub()
                .appointments()
                .create(new AppointmentFields(
                        EnumSet.allOf(AppointmentFields.Field.class),
                        DATE,
                        new Person("54321", "Ada", "Provider", "ada@clinic.example"),
                        new Person("67890", "Pat", "Patient", "pat@example.com"),
                        meetingId,
                        false,
                        true,
                        "org-1"));
    }

    @Test
    void theGuidesGetAppointmentQueryWorksVerbatim() {
        Appointment a = appointment("98765432100");
        JsonNode r = server.graphqlOk(key, GUIDE_GET_APPOINTMENT, Map.of("id", a.idText()));
        assertThat(r.has("errors")).as(r.toString()).isFalse();
        JsonNode ap = r.path("data").path("appointment");
        assertThat(ap.path("id").asText()).isEqualTo(a.idText());
        assertThat(ap.path("date").asText()).isEqualTo("2026-03-01 15:00:00 +0000");
        assertThat(ap.path("otherParty").path("id").asText()).isEqualTo("67890");
        assertThat(ap.path("otherParty").path("firstName").asText()).isEqualTo("Pat");
        assertThat(ap.path("otherParty").path("lastName").asText()).isEqualTo("Patient");
        assertThat(ap.path("user").path("id").asText()).isEqualTo("54321");
        assertThat(ap.path("user").path("firstName").asText()).isEqualTo("Ada");
        assertThat(ap.path("zoomMeetingId").asText()).isEqualTo("98765432100");
        assertThat(ap.path("isGroup").isBoolean()).isTrue();
        assertThat(ap.path("isGroup").asBoolean()).isFalse();
    }

    @Test
    void snakeCaseQueryReturnsTranscriptsAndRecordingFiles() {
        Appointment a = appointment("111");
        Instant now = clock.instant();
        db.writer().write(h -> {
            RecordingFiles.upsert(
                    h,
                    new RecordingFile(
                            "file-1",
                            a.id(),
                            "111",
                            "https://zoom.example/rec/1",
                            123456789L,
                            "MP4",
                            DATE,
                            DATE.plusSeconds(900),
                            "shared_screen_with_speaker_view",
                            "completed"),
                    now);
            Transcripts.store(
                    h,
                    a.id(),
                    "completed",
                    Transcript.PROCESSED_RECORDING,
                    DATE,
                    DATE.plusSeconds(900),
                    "WEBVTT\n",
                    "zoom:file-2",
                    now);
            return Transcripts.store(h, a.id(), "processing", Transcript.REALTIME_CAPTURE, DATE, null, null, null, now);
        });
        JsonNode ap = server.graphqlOk(key, SNAKE_APPOINTMENT, Map.of("id", a.idText()))
                .path("data")
                .path("appointment");
        assertThat(ap.path("will_be_scribed").asBoolean()).isTrue();
        assertThat(ap.path("other_party").path("email").asText()).isEqualTo("pat@example.com");
        JsonNode file = ap.path("zoom_cloud_recording_files").get(0);
        assertThat(file.path("file_type").asText()).isEqualTo("MP4");
        assertThat(file.path("file_size").asLong()).isEqualTo(123456789L);
        assertThat(file.path("recording_end").asText()).isEqualTo("2026-03-01 15:15:00 +0000");
        JsonNode transcripts = ap.path("transcripts");
        assertThat(transcripts).hasSize(2);
        assertThat(transcripts.get(0).path("transcript_type").asText()).isEqualTo("processed_recording");
        assertThat(transcripts.get(0).path("expiring_url").asText()).startsWith(server.base() + "/hub/transcripts/");
        assertThat(transcripts.get(1).path("expiring_url").isNull())
                .as("no text, no URL")
                .isTrue();

        JsonNode filtered = server.graphqlOk(
                        key,
                        "query($id: ID) { appointment(id: $id) { transcripts(transcriptType: \"realtime_capture\") { id status } } }",
                        Map.of("id", a.idText()))
                .path("data")
                .path("appointment")
                .path("transcripts");
        assertThat(filtered).hasSize(1);
        assertThat(filtered.get(0).path("status").asText()).isEqualTo("processing");
    }

    @Test
    void anUnknownAppointmentIsNullWithANotFoundErrorAtItsPath() {
        JsonNode r = server.graphqlOk(key, GUIDE_GET_APPOINTMENT, Map.of("id", "424242"));
        assertThat(r.path("data").path("appointment").isNull()).isTrue();
        JsonNode error = r.path("errors").get(0);
        assertThat(error.path("extensions").path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(error.path("path").get(0).asText()).isEqualTo("appointment");
        assertThat(error.path("locations").isArray()).isTrue();
    }

    @Test
    void invalidDocumentsAreAnsweredInGraphQlsErrorFormat() {
        JsonNode r = server.graphqlOk(key, "query { appointment(id: 1) { nope } }", Map.of());
        assertThat(r.has("data")).isFalse();
        assertThat(r.path("errors").get(0).path("message").asText()).contains("nope");
        assertThat(r.path("errors")
                        .get(0)
                        .path("extensions")
                        .path("classification")
                        .asText())
                .isEqualTo("ValidationError");

        HttpResponse<String> notJson =
                server.post("/graphql", "{not json", "Authorization", "Basic " + key, "AuthorizationSource", "API");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(HubTestServer.json(notJson.body())
                        .path("errors")
                        .get(0)
                        .path("extensions")
                        .path("code")
                        .asText())
                .isEqualTo("BAD_REQUEST");
    }

    @Test
    void requestsWithoutAValidKeyAreUnauthenticated() {
        String query = "{ appointments { id } }";
        HttpResponse<String> noHeaders = server.post("/graphql", "{\"query\":\"" + query + "\"}");
        HttpResponse<String> noSource =
                server.post("/graphql", "{\"query\":\"" + query + "\"}", "Authorization", "Basic " + key);
        HttpResponse<String> wrongSecret = server.graphql(key.substring(0, key.length() - 2) + "xx", query, Map.of());
        HttpResponse<String> garbage = server.graphql("not-a-key", query, Map.of());
        for (HttpResponse<String> r : List.of(noHeaders, noSource, wrongSecret, garbage)) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"healthie\"");
            JsonNode error = HubTestServer.json(r.body()).path("errors").get(0);
            assertThat(error.path("extensions").path("code").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(r.body()).doesNotContain(key.substring(17));
        }
        String revoked = server.newKey();
        server.hub().apiKeys().revoke(revoked.substring(4, 16));
        assertThat(server.graphql(revoked, query, Map.of()).statusCode()).isEqualTo(401);
        assertThat(server.graphql(key, query, Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void createUpdateDeleteEmitTheirEventsWithChangedFields() {
        JsonNode created = server.graphqlOk(
                        key,
                        CREATE,
                        Map.of(
                                "input",
                                Map.of(
                                        "date", "2026-03-02 09:30:00 -0500",
                                        "zoomMeetingId", "555",
                                        "user", Map.of("id", "1", "firstName", "Ada"),
                                        "other_party", Map.of("id", "2", "last_name", "Patient"),
                                        "organization_id", "org-9")))
                .path("data")
                .path("createAppointment");
        assertThat(created.path("messages")).isEmpty();
        String id = created.path("appointment").path("id").asText();
        assertThat(created.path("appointment").path("date").asText()).isEqualTo("2026-03-02 14:30:00 +0000");
        assertThat(created.path("appointment")
                        .path("other_party")
                        .path("last_name")
                        .asText())
                .isEqualTo("Patient");

        String update = """
                mutation($input: updateAppointmentInput!) {
                  updateAppointment(input: $input) { messages { field message } appointment { id zoomMeetingId isGroup } }
                }""";
        JsonNode updated = server.graphqlOk(
                        key, update, Map.of("input", Map.of("id", id, "zoom_meeting_id", "556", "isGroup", true)))
                .path("data")
                .path("updateAppointment");
        assertThat(updated.path("appointment").path("zoomMeetingId").asText()).isEqualTo("556");
        server.graphqlOk(key, update, Map.of("input", Map.of("id", id, "zoom_meeting_id", "556")));

        JsonNode deleted = server.graphqlOk(
                        key,
                        "mutation($id: ID!) { deleteAppointment(input: {id: $id}) { messages { field message } appointment { id } } }",
                        Map.of("id", id))
                .path("data")
                .path("deleteAppointment");
        assertThat(deleted.path("appointment").path("id").asText()).isEqualTo(id);

        List<ThinEvent> events = server.events().forResource(id);
        assertThat(events)
                .extracting(ThinEvent::eventType)
                .as("an update that changes nothing emits nothing")
                .containsExactly(
                        EventTypes.APPOINTMENT_CREATED, EventTypes.APPOINTMENT_UPDATED, EventTypes.APPOINTMENT_DELETED);
        assertThat(events.get(0).organizationId()).isEqualTo("org-9");
        assertThat(events.get(0).resourceType()).isEqualTo("Appointment");
        assertThat(events.get(1).changedFields()).containsExactly("zoom_meeting_id", "is_group");
        assertThat(events.get(2).changedFields()).isEmpty();

        JsonNode gone = server.graphqlOk(key, GUIDE_GET_APPOINTMENT, Map.of("id", id));
        assertThat(gone.path("errors").get(0).path("extensions").path("code").asText())
                .isEqualTo("NOT_FOUND");
        JsonNode again = server.graphqlOk(
                        key,
                        "mutation { deleteAppointment(input: {id: \"" + id + "\"}) { messages { field message } } }",
                        Map.of())
                .path("data")
                .path("deleteAppointment")
                .path("messages")
                .get(0);
        assertThat(again.path("field").asText()).isEqualTo("id");
        assertThat(again.path("message").asText()).isEqualTo("Appointment not found");
    }

    @Test
    void invalidInputIsAnsweredInMessages() {
        JsonNode r = server.graphqlOk(
                        key,
                        CREATE,
                        Map.of("input", Map.of("date", "next tuesday", "user", Map.of("email", "not-an-email"))))
                .path("data")
                .path("createAppointment");
        assertThat(r.path("appointment").isNull()).isTrue();
        assertThat(r.path("messages"))
                .extracting(m -> m.path("field").asText())
                .containsExactlyInAnyOrder("date", "user.email");
        JsonNode missing = server.graphqlOk(key, CREATE, Map.of("input", Map.of()))
                .path("data")
                .path("createAppointment")
                .path("messages");
        assertThat(missing.get(0).path("field").asText()).isEqualTo("date");
        assertThat(missing.get(0).path("message").asText()).isEqualTo("can't be blank");
        assertThat(server.events().all()).isEmpty();
    }

    @Test
    void appointmentsAreListedByDateRangeWithOffset() {
        for (int day = 1; day <= 5; day++) {
            server.graphqlOk(
                    key,
                    CREATE,
                    Map.of("input", Map.of("date", "2026-04-0" + day + "T10:00:00Z", "zoom_meeting_id", "m" + day)));
        }
        String q = "query($s: String, $e: String, $o: Int) { appointments(startDate: $s, endDate: $e, offset: $o) "
                + "{ zoom_meeting_id } }";
        JsonNode page = server.graphqlOk(key, q, Map.of("s", "2026-04-02", "e", "2026-04-04"))
                .path("data")
                .path("appointments");
        assertThat(page).extracting(n -> n.path("zoom_meeting_id").asText()).containsExactly("m2", "m3", "m4");
        JsonNode offset = server.graphqlOk(key, q, Map.of("s", "2026-04-02", "e", "2026-04-04", "o", 2))
                .path("data")
                .path("appointments");
        assertThat(offset).extracting(n -> n.path("zoom_meeting_id").asText()).containsExactly("m4");
        JsonNode snake = server.graphqlOk(
                        key, "{ appointments(start_date: \"2026-04-05\") { zoomMeetingId } }", Map.of())
                .path("data")
                .path("appointments");
        assertThat(snake).extracting(n -> n.path("zoomMeetingId").asText()).containsExactly("m5");
        JsonNode bad = server.graphqlOk(key, q, Map.of("s", "soon"));
        assertThat(bad.path("errors").get(0).path("extensions").path("code").asText())
                .isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void expiringUrlsDownloadUntilTheyExpireAndRefuseTampering() {
        Appointment a = appointment("222");
        String vtt = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nDr Ada: Good morning.\n";
        Transcript t = db.writer()
                .write(h -> Transcripts.store(
                        h, a.id(), "completed", Transcript.PROCESSED_RECORDING, DATE, DATE, vtt, null, clock.instant()))
                .transcript();
        String url = server.graphqlOk(
                        key,
                        "query($id: ID) { appointment(id: $id) { transcripts { expiringUrl } } }",
                        Map.of("id", a.idText()))
                .path("data")
                .path("appointment")
                .path("transcripts")
                .get(0)
                .path("expiringUrl")
                .asText();
        HttpResponse<String> ok = server.get(url);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo(vtt);
        assertThat(ok.headers().firstValue("Content-Type").orElse("")).startsWith("text/vtt");

        String token = url.substring(url.indexOf("token=") + 6);
        String expiry = token.substring(0, token.indexOf('.'));
        String later = (Long.parseLong(expiry) + 3600) + token.substring(token.indexOf('.'));
        String flipped = token.substring(0, token.length() - 1) + (token.endsWith("0") ? "1" : "0");
        String otherId = url.replace("/transcripts/" + t.id() + "/", "/transcripts/" + (t.id() + 1) + "/");
        for (String bad : List.of(
                url.replace(token, later),
                url.replace(token, flipped),
                otherId,
                url.substring(0, url.indexOf('?')),
                url.replace(token, "garbage"))) {
            HttpResponse<String> r = server.get(bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(403);
            assertThat(HubTestServer.json(r.body()).path("error").asText()).isEqualTo("url_invalid");
            assertThat(r.body()).doesNotContain("Good morning");
        }

        clock.advance(Duration.ofMinutes(5));
        assertThat(server.get(url).statusCode()).as("valid for the whole TTL").isEqualTo(200);
        clock.advance(Duration.ofSeconds(2));
        HttpResponse<String> expired = server.get(url);
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(HubTestServer.json(expired.body()).path("error").asText()).isEqualTo("url_expired");
    }
}
