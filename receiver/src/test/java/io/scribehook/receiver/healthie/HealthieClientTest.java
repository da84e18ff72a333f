package io.scribehook.receiver.healthie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scribehook.core.time.ManualClock;
import io.scribehook.store.testing.LogCapture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthieClientTest {

    static final String KEY = "gh_sbox_test-key-7f3a9c";

    HealthieStandIn standIn;
    ManualClock clock;
    HealthieClient client;

    @BeforeEach
    void start() {
        standIn = HealthieStandIn.start();
        clock = new ManualClock(Instant.parse("2026-03-02T12:00:00Z"));
        client = new HealthieClient(standIn.settings(KEY), clock);
    }

    @AfterEach
    void stop() {
        client.close();
        standIn.close();
    }

    @Test
    void sendsTheApiHeadersAndAJsonBody() {
        standIn.putAppointment("42", HealthieStandIn.sampleAppointment("42"));

        client.appointment("42");

        HealthieStandIn.RecordedRequest r = standIn.lastRequest();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/graphql");
        assertThat(r.header("Authorization")).isEqualTo("Basic " + KEY);
        assertThat(r.header("AuthorizationSource")).isEqualTo("API");
        assertThat(r.header("Healthie-GraphQL-API-Version")).isEqualTo("2026-01-01");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.operation()).isEqualTo("appointment");
        assertThat(r.query())
                .contains(
                        "appointment(id: $id)",
                        "other_party { id first_name last_name email }",
                        "zoom_cloud_recording_files {",
                        "will_be_scribed");
        assertThat(r.variables().path("id").asText()).isEqualTo("42");
    }

    @Test
    void apiVersionComesFromSettings() {
        try (HealthieClient other = new HealthieClient(standIn.settings(KEY).withApiVersion("2025-06-01"), clock)) {
            other.appointment("1");
        }
        assertThat(standIn.lastRequest().header("Healthie-GraphQL-API-Version")).isEqualTo("2025-06-01");
    }

    @Test
    void appointmentIsParsedAndKeepsItsRawJson() {
        standIn.putAppointment("42", HealthieStandIn.sampleAppointment("42"));

        FetchResult<AppointmentSnapshot> result = client.appointment("42");

        assertThat(result).isInstanceOf(FetchResult.Found.class);
        AppointmentSnapshot a = ((FetchResult.Found<AppointmentSnapshot>) result).value();
        assertThat(a.id()).isEqualTo("42");
        assertThat(a.date()).isEqualTo(Instant.parse("2026-03-02T15:00:00Z"));
        assertThat(a.isGroup()).isFalse();
        assertThat(a.willBeScribed()).isTrue();
        assertThat(a.zoomMeetingId()).isEqualTo("88012345678");
        assertThat(a.otherParty())
                .isEqualTo(new AppointmentSnapshot.Person("501", "Pat", "Example", "pat@example.com"));
        assertThat(a.user().id()).isEqualTo("601");
        assertThat(a.user().email()).isEqualTo("dana.provider@clinic.example");
        assertThat(a.recordingFiles()).singleElement().satisfies(f -> {
            assertThat(f.fileType()).isEqualTo("TRANSCRIPT");
            assertThat(f.fileSize()).isEqualTo(2048L);
            assertThat(f.downloadUrl()).isEqualTo("https://zoom.example/rec/42.vtt");
            assertThat(f.recordingStart()).isEqualTo(Instant.parse("2026-03-02T15:00:05Z"));
        });
        assertThat(a.rawJson()).contains("\"zoom_meeting_id\":\"88012345678\"", "\"first_name\":\"Pat\"");
        assertThat(a.toString()).contains("42", "501").doesNotContain("Pat", "Example", "Dana", "zoom.example", "@");
    }

    @Test
    void appointmentToleratesNumericIdsAndMissingParts() {
        standIn.answerNext(
                200,
                "{\"data\":{\"appointment\":{\"id\":7,\"date\":null,\"zoom_meeting_id\":880123,"
                        + "\"other_party\":null,\"zoom_cloud_recording_files\":[{\"id\":1,\"file_size\":\"12\"}]}}}");

        FetchResult<AppointmentSnapshot> result = client.appointment("7");

        AppointmentSnapshot a = ((FetchResult.Found<AppointmentSnapshot>) result).value();
        assertThat(a.id()).isEqualTo("7");
        assertThat(a.zoomMeetingId()).isEqualTo("880123");
        assertThat(a.date()).isNull();
        assertThat(a.otherParty()).isNull();
        assertThat(a.recordingFiles()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("1");
            assertThat(f.fileSize()).isEqualTo(12L);
            assertThat(f.recordingStart()).isNull();
        });
    }

    @Test
    void nullAppointmentIsNotFound() {
        assertThat(client.appointment("404")).isEqualTo(new FetchResult.NotFound<>());
    }

    @Test
    void notFoundErrorIsNotFound() {
        standIn.notFoundAsError(true);
        assertThat(client.appointment("404")).isEqualTo(new FetchResult.NotFound<>());
        assertThat(client.transcripts("404")).isEqualTo(new FetchResult.NotFound<>());
    }

    @Test
    void notFoundNeedsTheCodeAtTheAppointmentItself() {
        standIn.graphQlErrorNext("NOT_FOUND", "Appointment not found");
        assertThat(client.appointment("404"))
                .isInstanceOfSatisfying(
                        FetchResult.PermanentFailure.class,
                        f -> assertThat(f.reason()).isEqualTo("GraphQL NOT_FOUND (HTTP 200)"));

        standIn.graphQlErrorNext("NOT_FOUND", "User not found", "appointment", "user");
        assertThat(client.appointment("42"))
                .isInstanceOfSatisfying(
                        FetchResult.PermanentFailure.class,
                        f -> assertThat(f.reason()).isEqualTo("GraphQL NOT_FOUND at appointment.user (HTTP 200)"));

        standIn.graphQlErrorNext(null, "Appointment does not exist", "appointment");
        assertThat(client.appointment("404")).isInstanceOf(FetchResult.PermanentFailure.class);

        standIn.answerNext(
                200,
                body(
                        HealthieStandIn.error("NOT_FOUND", "Appointment not found", "appointment"),
                        HealthieStandIn.error("FORBIDDEN", "Hidden", "appointment", "user")));
        assertThat(client.appointment("404"))
                .isInstanceOfSatisfying(
                        FetchResult.PermanentFailure.class,
                        f -> assertThat(f.reason())
                                .isEqualTo(
                                        "GraphQL NOT_FOUND at appointment; FORBIDDEN at appointment.user (HTTP 200)"));

        standIn.graphQlErrorNext("RECORD_NOT_FOUND", "Couldn't find Appointment", "appointment");
        assertThat(client.appointment("404")).isEqualTo(new FetchResult.NotFound<>());
    }

    @Test
    void aSchemaErrorIsPermanentEvenWhenItsWordsSayDoesNotExist() {
        standIn.putAppointment("42", HealthieStandIn.sampleAppointment("42"));
        standIn.hideField("Appointment", "will_be_scribed");

        for (String id : List.of("42", "404")) {
            assertThat(client.appointment(id))
                    .as(id)
                    .isInstanceOfSatisfying(
                            FetchResult.PermanentFailure.class,
                            f -> assertThat(f.reason())
                                    .isEqualTo("GraphQL undefinedField at ?.appointment.will_be_scribed (HTTP 200)"));
        }
        assertThat(client.transcripts("42")).as("a query without the field").isInstanceOf(FetchResult.Found.class);
        assertThat(client.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aGraphQlJavaValidationErrorIsPermanentAndNamesTheField() {
        standIn.answerNext(200, """
                {"errors":[{"message":"Validation error (FieldUndefined@[appointment/foo]) : Field 'foo' in type                 'Appointment' is undefined","locations":[{"line":3,"column":5}],                "extensions":{"classification":"ValidationError"}}],"data":null}""");

        assertThat(client.appointment("404"))
                .isInstanceOfSatisfying(
                        FetchResult.PermanentFailure.class,
                        f -> assertThat(f.reason())
                                .isEqualTo("GraphQL ValidationError FieldUndefined at appointment.foo (HTTP 200)"));
    }

    @Test
    void authorisationErrorsArePermanent() {
        standIn.denyAppointment("42", "FORBIDDEN", "You may not view this appointment");
        assertThat(client.appointment("42"))
                .isEqualTo(new FetchResult.PermanentFailure<>("GraphQL FORBIDDEN at appointment (HTTP 200)"));

        standIn.graphQlErrorNext("UNAUTHENTICATED", "API key expired");
        assertThat(client.appointment("7"))
                .isEqualTo(new FetchResult.PermanentFailure<>("GraphQL UNAUTHENTICATED (HTTP 200)"));
        assertThat(client.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void anInternalServerErrorIsTransientAndCountsAgainstTheCircuit() {
        HealthieApiSettings settings = standIn.settings(KEY).withBreaker(2, Duration.ofMinutes(1));
        try (HealthieClient c = new HealthieClient(settings, clock)) {
            standIn.graphQlErrorNext("INTERNAL_SERVER_ERROR", "Internal server error", "appointment");
            assertThat(c.appointment("42"))
                    .isEqualTo(new FetchResult.TransientFailure<>(
                            "GraphQL INTERNAL_SERVER_ERROR at appointment (HTTP 200)"));
            assertThat(c.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);

            standIn.graphQlErrorNext("INTERNAL_SERVER_ERROR", "Internal server error");
            assertThat(c.appointment("42")).isInstanceOf(FetchResult.TransientFailure.class);
            assertThat(c.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        }
    }

    @Test
    void aRateLimitWithoutACodeIsKnownByItsMessage() {
        standIn.putAppointment("42", HealthieStandIn.sampleAppointment("42"));
        standIn.graphQlErrorNext(null, "Too many requests, slow down");

        assertThat(client.appointment("42")).isInstanceOf(FetchResult.Found.class);
        assertThat(standIn.requestCount()).isEqualTo(2);
    }

    @Test
    void upstreamMessageTextReachesNeitherReasonsNorLogs() {
        String name = "Jane Doe";
        String email = "jane.doe@example.com";
        String canary = name + " (" + email + ") may not view appointment 123";
        List<String> reasons = new ArrayList<>();
        try (LogCapture logs = LogCapture.open()) {
            standIn.denyAppointment("123", "FORBIDDEN", canary);
            reasons.add(reason(client.appointment("123")));
            reasons.add(reason(client.transcripts("123")));
            standIn.graphQlErrorNext("INTERNAL_SERVER_ERROR", canary, "appointment");
            reasons.add(reason(client.appointment("1")));
            standIn.graphQlErrorNext(null, canary);
            reasons.add(reason(client.appointment("1")));
            standIn.graphQlErrorNext(email, canary, name, email);
            reasons.add(reason(client.appointment("1")));
            standIn.answerNext(403, "{\"errors\":[{\"message\":\"" + canary + "\"}]}");
            reasons.add(reason(client.appointment("1")));
            standIn.answerNext(500, canary);
            reasons.add(reason(client.appointment("1")));
            standIn.messagesNext("url", canary);
            reasons.add(
                    reason(client.createWebhook("https://r.example/h", List.of("appointment.created"), true, true)));

            assertThat(reasons)
                    .hasSize(8)
                    .allSatisfy(r -> assertThat(r)
                            .isNotBlank()
                            .doesNotContainIgnoringCase("jane")
                            .doesNotContain("example.com", "may not view"));
            assertThat(reasons.get(0)).isEqualTo("GraphQL FORBIDDEN at appointment (HTTP 200)");
            assertThat(reasons.get(4))
                    .as("code and path that are not identifiers")
                    .isEqualTo("GraphQL ? at ?.? (HTTP 200)");
            assertThat(logs.lines()).as("the failures were logged").hasSizeGreaterThanOrEqualTo(reasons.size() - 1);
            assertThat(logs.text()).doesNotContainIgnoringCase("jane").doesNotContain("example.com", "may not view");
        }
    }

    private static String body(ObjectNode... errors) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.putObject("data").putNull("appointment");
        ArrayNode list = root.putArray("errors");
        for (ObjectNode e : errors) {
            list.add(e);
        }
        return root.toString();
    }

    @Test
    void transcriptsAreParsedInBothTimeFormats() {
        standIn.putAppointment("42", HealthieStandIn.sampleAppointment("42"));
        standIn.putTranscripts("42", """
                [{"id":"t1","expiring_url":"https://files.example/t1.vtt?sig=abc","status":"completed",
                  "transcript_start":"2026-03-02T10:00:00-05:00","transcript_end":"2026-03-02 10:45:30 -0500",
                  "transcript_type":"realtime_capture"},
                 {"id":"t2","expiring_url":null,"status":"processing","transcript_start":null,
                  "transcript_end":"garbage","transcript_type":"processed_recording"}]""");

        FetchResult<List<TranscriptRef>> result = client.transcripts("42");

        assertThat(standIn.lastRequest().query()).contains("transcripts {", "expiring_url", "transcript_type");
        List<TranscriptRef> list = ((FetchResult.Found<List<TranscriptRef>>) result).value();
        assertThat(list)
                .containsExactly(
                        new TranscriptRef(
                                "t1",
                                "https://files.example/t1.vtt?sig=abc",
                                "completed",
                                Instant.parse("2026-03-02T15:00:00Z"),
                                Instant.parse("2026-03-02T15:45:30Z"),
                                "realtime_capture"),
                        new TranscriptRef("t2", null, "processing", null, null, "processed_recording"));
        assertThat(list.get(0).toString()).doesNotContain("sig=abc");
    }

    @Test
    void appointmentWithoutTranscriptsGivesAnEmptyList() {
        standIn.putAppointment("42", HealthieStandIn.sampleAppointment("42"));
        assertThat(client.transcripts("42")).isEqualTo(new FetchResult.Found<>(List.of()));
    }

    @Test
    void rateLimitedThenSuccessIsFoundAfterBackingOff() {
        standIn.putAppointment("42", HealthieStandIn.sampleAppointment("42"));
        standIn.rateLimitNext(2);

        FetchResult<AppointmentSnapshot> result = client.appointment("42");

        assertThat(result).isInstanceOf(FetchResult.Found.class);
        assertThat(standIn.requestCount()).isEqualTo(3);
    }

    @Test
    void rateLimitBeyondTheRetriesIsTransient() {
        standIn.rateLimitNext(10);

        FetchResult<AppointmentSnapshot> result = client.appointment("42");

        assertThat(result)
                .isInstanceOfSatisfying(
                        FetchResult.TransientFailure.class,
                        f -> assertThat(f.reason()).contains("rate limited"));
        assertThat(standIn.requestCount()).isEqualTo(1 + 3);
        assertThat(client.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void http429HonoursRetryAfterClampedAndBacksOffExponentiallyWithout() {
        List<Duration> slept = new CopyOnWriteArrayList<>();
        standIn.putAppointment("42", HealthieStandIn.sampleAppointment("42"));
        standIn.http429Next(1, "2").http429Next(1, "86400").http429Next(1, null);
        HealthieApiSettings settings = standIn.settings(KEY).withRateLimit(3, Duration.ofMillis(100));
        try (HealthieClient c = new HealthieClient(settings, clock, null, slept::add)) {
            assertThat(c.appointment("42")).isInstanceOf(FetchResult.Found.class);
        }
        assertThat(slept).hasSize(3);
        assertThat(slept.get(0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(slept.get(1)).isEqualTo(GraphQlTransport.MAX_RATE_LIMIT_DELAY);
        // third retry: 100 ms * 2^2 ± 20 % jitter
        assertThat(slept.get(2)).isBetween(Duration.ofMillis(320), Duration.ofMillis(480));
    }

    @Test
    void serverErrorIsTransient() {
        standIn.serverErrorNext(1, 502);

        assertThat(client.appointment("42")).isEqualTo(new FetchResult.TransientFailure<>("HTTP 502"));
    }

    @Test
    void slowAnswerIsATransientTimeout() {
        standIn.slowNext(1);
        HealthieApiSettings settings =
                standIn.settings(KEY).withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300));
        try (HealthieClient c = new HealthieClient(settings, clock)) {
            assertThat(c.appointment("42"))
                    .isInstanceOfSatisfying(
                            FetchResult.TransientFailure.class,
                            f -> assertThat(f.reason()).contains("timeout"));
        } finally {
            standIn.releaseSlow();
        }
    }

    @Test
    void droppedConnectionIsATransientNetworkError() {
        standIn.dropConnectionNext(1);

        assertThat(client.appointment("42"))
                .isInstanceOfSatisfying(
                        FetchResult.TransientFailure.class,
                        f -> assertThat(f.reason()).startsWith("network error"));
    }

    @Test
    void refusedConnectionIsATransientNetworkError() {
        HealthieApiSettings settings = standIn.settings(KEY);
        standIn.close();
        try (HealthieClient c = new HealthieClient(settings, clock)) {
            assertThat(c.appointment("42"))
                    .isInstanceOfSatisfying(
                            FetchResult.TransientFailure.class,
                            f -> assertThat(f.reason()).startsWith("network error"));
        }
    }

    @Test
    void clientErrorIsPermanent() {
        standIn.requireApiKey("another-key-123456");

        assertThat(client.appointment("42")).isEqualTo(new FetchResult.PermanentFailure<>("HTTP 401"));
        assertThat(client.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void otherGraphQlErrorsAndMalformedAnswersArePermanent() {
        standIn.graphQlErrorNext("INTERNAL_VALIDATION", "Field 'foo' doesn't apply");
        assertThat(client.appointment("42"))
                .isInstanceOfSatisfying(
                        FetchResult.PermanentFailure.class,
                        f -> assertThat(f.reason()).isEqualTo("GraphQL INTERNAL_VALIDATION (HTTP 200)"));

        standIn.answerNext(200, "<html>not json</html>");
        assertThat(client.appointment("42"))
                .isInstanceOfSatisfying(
                        FetchResult.PermanentFailure.class,
                        f -> assertThat(f.reason()).contains("malformed"));

        standIn.answerNext(200, "{\"data\":{\"appointment\":[1,2]}}");
        assertThat(client.appointment("42"))
                .isInstanceOfSatisfying(
                        FetchResult.PermanentFailure.class,
                        f -> assertThat(f.reason()).contains("malformed"));

        standIn.answerNext(200, "{\"nothing\":true}");
        assertThat(client.appointment("42"))
                .isInstanceOfSatisfying(
                        FetchResult.PermanentFailure.class,
                        f -> assertThat(f.reason()).contains("malformed"));
    }

    @Test
    void circuitOpensFailsFastHalfOpensAndClosesOnSuccess() {
        standIn.putAppointment("42", HealthieStandIn.sampleAppointment("42"));
        HealthieApiSettings settings = standIn.settings(KEY).withBreaker(3, Duration.ofMinutes(1));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (HealthieClient c = new HealthieClient(settings, clock, registry)) {
            standIn.serverErrorNext(3);
            for (int i = 0; i < 3; i++) {
                assertThat(c.appointment("42")).isInstanceOf(FetchResult.TransientFailure.class);
            }
            assertThat(c.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
            assertThat(gauge(registry)).isEqualTo(1.0);
            int sent = standIn.requestCount();

            Instant opened = clock.instant();
            assertThat(c.appointment("42"))
                    .as("not attempted, with the time a trial is allowed")
                    .isEqualTo(new FetchResult.Unavailable<>(opened.plus(Duration.ofMinutes(1))));
            clock.advance(Duration.ofSeconds(59));
            assertThat(c.appointment("42")).isInstanceOf(FetchResult.Unavailable.class);
            assertThat(standIn.requestCount()).isEqualTo(sent);

            clock.advance(Duration.ofSeconds(1));
            assertThat(c.circuitState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
            assertThat(gauge(registry)).isEqualTo(2.0);
            assertThat(c.appointment("42")).isInstanceOf(FetchResult.Found.class);
            assertThat(standIn.requestCount()).isEqualTo(sent + 1);
            assertThat(c.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(gauge(registry)).isEqualTo(0.0);

            assertThat(registry.get(GraphQlTransport.REQUESTS_METER)
                            .tag("operation", "appointment")
                            .tag("outcome", "server_error")
                            .counter()
                            .count())
                    .isEqualTo(3.0);
            assertThat(registry.get(GraphQlTransport.REQUESTS_METER)
                            .tag("outcome", "circuit_open")
                            .counter()
                            .count())
                    .isEqualTo(2.0);
            assertThat(registry.get(GraphQlTransport.REQUESTS_METER)
                            .tag("outcome", "ok")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
        }
    }

    @Test
    void failedTrialReopensTheCircuit() {
        HealthieApiSettings settings = standIn.settings(KEY).withBreaker(2, Duration.ofSeconds(30));
        try (HealthieClient c = new HealthieClient(settings, clock)) {
            standIn.serverErrorNext(2).dropConnectionNext(1);
            c.appointment("42");
            c.appointment("42");
            assertThat(c.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);

            clock.advance(Duration.ofSeconds(30));
            assertThat(c.appointment("42"))
                    .isInstanceOfSatisfying(
                            FetchResult.TransientFailure.class,
                            f -> assertThat(f.reason()).startsWith("network error"));
            assertThat(c.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
            int sent = standIn.requestCount();
            assertThat(c.appointment("42"))
                    .isEqualTo(new FetchResult.Unavailable<>(clock.instant().plus(Duration.ofSeconds(30))));
            assertThat(standIn.requestCount()).isEqualTo(sent);
        }
    }

    @Test
    void successBetweenFailuresResetsTheCount() {
        standIn.putAppointment("42", HealthieStandIn.sampleAppointment("42"));
        HealthieApiSettings settings = standIn.settings(KEY).withBreaker(2, Duration.ofSeconds(30));
        try (HealthieClient c = new HealthieClient(settings, clock)) {
            standIn.serverErrorNext(1);
            c.appointment("42");
            c.appointment("42");
            standIn.serverErrorNext(1);
            c.appointment("42");
            assertThat(c.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
        }
    }

    @Test
    void theApiKeyNeverAppearsInReasonsOrToString() {
        List<String> texts = new ArrayList<>();
        texts.add(standIn.settings(KEY).toString());
        standIn.graphQlErrorNext(null, "Invalid API key " + KEY);
        texts.add(reason(client.appointment("1")));
        standIn.answerNext(400, "{\"errors\":[{\"message\":\"bad key " + KEY + "\"}]}");
        texts.add(reason(client.appointment("1")));
        standIn.serverErrorNext(1);
        texts.add(reason(client.appointment("1")));
        standIn.dropConnectionNext(1);
        texts.add(reason(client.appointment("1")));
        standIn.messagesNext("url", "key " + KEY + " cannot register");
        texts.add(reason(client.createWebhook("https://example.test/h", List.of("appointment.created"), true, true)));
        standIn.rateLimitNext(4);
        texts.add(reason(client.appointment("1")));

        assertThat(texts).hasSize(7).allSatisfy(t -> assertThat(t).isNotBlank().doesNotContain(KEY));
        assertThat(texts.get(0)).contains("<redacted>");
        assertThat(texts.get(1)).isEqualTo("GraphQL error (HTTP 200)");
    }

    private static String reason(FetchResult<?> r) {
        return switch (r) {
            case FetchResult.TransientFailure<?> t -> t.reason();
            case FetchResult.PermanentFailure<?> p -> p.reason();
            default -> throw new AssertionError("expected a failure, got " + r);
        };
    }

    private static double gauge(SimpleMeterRegistry registry) {
        return registry.get(GraphQlTransport.CIRCUIT_GAUGE).gauge().value();
    }
}
