package io.scribehook.scribe.note.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.scribehook.scribe.note.DraftNote;
import io.scribehook.scribe.note.NoteSection;
import io.scribehook.scribe.note.NoteSentence;
import io.scribehook.scribe.note.NoteTemplate;
import io.scribehook.scribe.note.NoteTemplates;
import io.scribehook.scribe.note.TranscriptAnalysis;
import io.scribehook.scribe.vtt.CueTimes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LlmNoteWriterTest {
    private static final String KEY = "sk-test-0123456789abcdef";
    private static final Duration BACKOFF = Duration.ofMillis(200);

    private static final String SOAP_ANSWER = """
            {"SUBJECTIVE": "The patient reports a throbbing headache for three days, mostly behind the eyes. \
            She takes ibuprofen 400 mg twice a day with little relief.",
             "objective": "Blood pressure 128/82. Neck muscles are tight.",
             "Assessment": "Tension headache.",
             "PLAN": "Stretching. Return in two weeks."}""";

    private final NoteTemplate soap = NoteTemplates.builtIn("soap");
    private final TranscriptAnalysis visit = TestTranscripts.visit();
    private final TestTranscripts.FallbackWriter fallback = new TestTranscripts.FallbackWriter();
    private final List<Duration> delays = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger writerLog = (Logger) LoggerFactory.getLogger(LlmNoteWriter.class.getPackageName());

    @BeforeEach
    void captureLogs() {
        logs.start();
        writerLog.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        writerLog.detachAppender(logs);
    }

    private LlmNoteWriter writer(ChatServer server) {
        return writer(settings(server.baseUrl()));
    }

    private LlmNoteWriter writer(LlmSettings settings) {
        return new LlmNoteWriter(settings, fallback, delays::add);
    }

    private static LlmSettings settings(URI base) {
        return LlmSettings.of(base, "test-model", KEY)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))
                .withRetries(2, BACKOFF);
    }

    @Test
    void draftsEachSectionFromTheAnswerWithCueTimesOfTheTurnsItCameFrom() throws IOException {
        try (ChatServer server = ChatServer.start(ChatServer.content(SOAP_ANSWER));
                LlmNoteWriter writer = writer(server)) {
            DraftNote note = writer.write(visit, soap);

            assertThat(note.writer()).isEqualTo("llm");
            assertThat(note.fallbackReason()).isNull();
            assertThat(note.templateId()).isEqualTo("soap");
            assertThat(note.sections())
                    .extracting(NoteSection::title)
                    .containsExactly("SUBJECTIVE", "OBJECTIVE", "ASSESSMENT", "PLAN");
            NoteSection subjective = note.sections().get(0);
            assertThat(subjective.sentences())
                    .extracting(NoteSentence::text)
                    .containsExactly(
                            "The patient reports a throbbing headache for three days, mostly behind the eyes.",
                            "She takes ibuprofen 400 mg twice a day with little relief.");
            assertThat(subjective.sentences().get(0).cues()).containsExactly(times(4.5, 12));
            assertThat(subjective.sentences().get(1).cues()).containsExactly(times(12.5, 16));
            NoteSection objective = note.sections().get(1);
            assertThat(objective.sentences().get(0).text()).isEqualTo("Blood pressure 128/82.");
            assertThat(objective.sentences().get(0).cues()).containsExactly(times(16.5, 20));
            assertThat(note.sections().get(3).sentences())
                    .extracting(s -> s.cues())
                    .allSatisfy(cues -> assertThat(cues).containsExactly(times(26.5, 32)));
            assertThat(fallback.calls).isZero();
            assertThat(server.received()).hasSize(1);
            assertThat(delays).isEmpty();
        }
    }

    @Test
    void sendsModelTemperatureZeroJsonFormatBearerKeyAndTheTranscriptByRole() throws IOException {
        try (ChatServer server = ChatServer.start(ChatServer.content(SOAP_ANSWER));
                LlmNoteWriter writer = writer(server)) {
            writer.write(visit, soap);

            ChatServer.Received request = server.last();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/v1/chat/completions");
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            JsonNode body = request.json();
            assertThat(body.path("model").asText()).isEqualTo("test-model");
            assertThat(body.path("temperature").isNumber()).isTrue();
            assertThat(body.path("temperature").asDouble()).isEqualTo(0.0);
            assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_object");
            assertThat(body.path("messages"))
                    .extracting(m -> m.path("role").asText())
                    .containsExactly("system", "user");
            String system = body.path("messages").path(0).path("content").asText();
            assertThat(system).contains("third-person", "JSON object", "review");
            for (var s : soap.sections()) {
                assertThat(system).contains("- " + s.title() + ": ");
            }
            String user = body.path("messages").path(1).path("content").asText();
            assertThat(user)
                    .contains("[00:00:01] Clinician: Good morning")
                    .contains("[00:00:04] Patient: I have had a throbbing headache")
                    .contains("[00:00:16] Clinician: Your blood pressure today is 128 over 82");
            assertThat(user).doesNotContain(TestTranscripts.CLINICIAN);
        }
    }

    @Test
    void leavesOutResponseFormatAndAuthorizationWhenSwitchedOff() throws IOException {
        try (ChatServer server = ChatServer.start(ChatServer.content(SOAP_ANSWER));
                LlmNoteWriter writer =
                        writer(LlmSettings.of(server.baseUrl(), "local", "").withJsonResponseFormat(false))) {
            DraftNote note = writer.write(visit, soap);

            assertThat(note.fallbackReason()).isNull();
            assertThat(server.last().json().has("response_format")).isFalse();
            assertThat(server.last().header("Authorization")).isNull();
        }
    }

    @Test
    void stripsThinkingAndCodeFences() throws IOException {
        String answer = "<think>The user wants {a note}. Section SUBJECTIVE should say \"headache\".</think>\n"
                + "Here is the note:\n```json\n" + SOAP_ANSWER + "\n```\n";
        try (ChatServer server = ChatServer.start(ChatServer.content(answer));
                LlmNoteWriter writer = writer(server)) {
            DraftNote note = writer.write(visit, soap);

            assertThat(note.fallbackReason()).isNull();
            assertThat(note.sections().get(2).text()).isEqualTo("Tension headache.");
            assertThat(note.render()).doesNotContain("think", "```", "The user wants");
        }
    }

    @Test
    void repairsTrailingCommasAndTypographicQuotes() throws IOException {
        String answer = "{“SUBJECTIVE”: “Headache for three days.”, “PLAN”: “Return in two weeks.”,}";
        try (ChatServer server = ChatServer.start(ChatServer.content(answer));
                LlmNoteWriter writer = writer(server)) {
            DraftNote note = writer.write(visit, soap);

            assertThat(note.fallbackReason()).isNull();
            assertThat(note.sections().get(0).text()).isEqualTo("Headache for three days.");
            assertThat(note.sections().get(1).sentences()).isEmpty();
            assertThat(note.sections().get(3).text()).isEqualTo("Return in two weeks.");
        }
    }

    @Test
    void malformedJsonFallsBackWithoutRetrying() throws IOException {
        String answer = "Sure! {\"SUBJECTIVE\": \"Headache\" \"OBJECTIVE\": [unfinished";
        try (ChatServer server = ChatServer.start(ChatServer.content(answer));
                LlmNoteWriter writer = writer(server)) {
            DraftNote note = writer.write(visit, soap);

            assertThat(note.fallbackReason()).isEqualTo("llm_malformed_json");
            assertThat(note.writer()).isEqualTo("offline");
            assertThat(note.sections()).allSatisfy(s -> assertThat(s.text()).isEqualTo("FALLBACK"));
            assertThat(server.received()).hasSize(1);
            assertThat(fallback.calls).isEqualTo(1);
        }
    }

    @Test
    void retriesAfterA500AndDraftsFromTheSecondAnswer() throws IOException {
        try (ChatServer server = ChatServer.start(
                        ChatServer.status(500, "{\"error\":{\"message\":\"overloaded\"}}"),
                        ChatServer.content(SOAP_ANSWER));
                LlmNoteWriter writer = writer(server)) {
            DraftNote note = writer.write(visit, soap);

            assertThat(note.fallbackReason()).isNull();
            assertThat(note.writer()).isEqualTo("llm");
            assertThat(server.received()).hasSize(2);
            assertThat(server.received().get(1).body())
                    .isEqualTo(server.received().get(0).body());
            assertThat(delays).hasSize(1);
            assertThat(delays.get(0)).isBetween(BACKOFF, BACKOFF.multipliedBy(6).dividedBy(5));
            assertThat(fallback.calls).isZero();
        }
    }

    @Test
    void aServerThatAlways500sGetsTheConfiguredRetriesThenTheFallback() throws IOException {
        try (ChatServer server = ChatServer.start(ChatServer.status(500, "{}"));
                LlmNoteWriter writer = writer(server)) {
            DraftNote note = writer.write(visit, soap);

            assertThat(note.fallbackReason()).isEqualTo("llm_http_500");
            assertThat(note.writer()).isEqualTo("offline");
            assertThat(server.received()).hasSize(3);
            assertThat(delays).hasSize(2);
            assertThat(delays.get(0)).isBetween(BACKOFF, BACKOFF.multipliedBy(6).dividedBy(5));
            assertThat(delays.get(1))
                    .isBetween(
                            BACKOFF.multipliedBy(8).dividedBy(5),
                            BACKOFF.multipliedBy(12).dividedBy(5));
        }
    }

    @Test
    void aRateLimitIsRetriedAfterTheServersRetryAfter() throws IOException {
        try (ChatServer server = ChatServer.start(ChatServer.tooManyRequests(3), ChatServer.content(SOAP_ANSWER));
                LlmNoteWriter writer = writer(server)) {
            DraftNote note = writer.write(visit, soap);

            assertThat(note.fallbackReason()).isNull();
            assertThat(delays).containsExactly(Duration.ofSeconds(3));
        }
    }

    @Test
    void aClientErrorIsNotRetried() throws IOException {
        try (ChatServer server = ChatServer.start(
                        ChatServer.status(400, "{\"error\":{\"message\":\"response_format not supported\"}}"));
                LlmNoteWriter writer = writer(server)) {
            DraftNote note = writer.write(visit, soap);

            assertThat(note.fallbackReason()).isEqualTo("llm_http_400");
            assertThat(server.received()).hasSize(1);
            assertThat(delays).isEmpty();
        }
    }

    @Test
    void aServerSlowerThanTheTimeoutFallsBackWithLlmTimeout() throws IOException {
        try (ChatServer server = ChatServer.start()) {
            server.script(server.hang());
            LlmSettings slow = settings(server.baseUrl())
                    .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300))
                    .withRetries(1, BACKOFF);
            try (LlmNoteWriter writer = writer(slow)) {
                DraftNote note = writer.write(visit, soap);

                assertThat(note.fallbackReason()).isEqualTo("llm_timeout");
                assertThat(note.writer()).isEqualTo("offline");
                assertThat(delays).hasSize(1);
                await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(server.received()).hasSize(2));
            }
        }
    }

    @Test
    void anEndpointNobodyListensOnFallsBackWithLlmUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port + "/v1");
        try (LlmNoteWriter writer = writer(settings(closed).withRetries(1, BACKOFF))) {
            DraftNote note = writer.write(visit, soap);

            assertThat(note.fallbackReason()).isEqualTo("llm_unreachable");
            assertThat(delays).hasSize(1);
        }
    }

    @Test
    void anAnswerWithoutTextForAnySectionFallsBackWithLlmEmpty() throws IOException {
        try (ChatServer server = ChatServer.start(
                        ChatServer.content("{\"SUBJECTIVE\": \"\", \"unrelated\": \"text\"}"),
                        ChatServer.status(200, "{\"choices\": []}"));
                LlmNoteWriter writer = writer(server)) {
            assertThat(writer.write(visit, soap).fallbackReason()).isEqualTo("llm_empty");
            assertThat(writer.write(visit, soap).fallbackReason()).isEqualTo("llm_empty");
            assertThat(server.received()).hasSize(2);
        }
    }

    @Test
    void aBodyThatIsNotAChatCompletionIsMalformed() throws IOException {
        try (ChatServer server = ChatServer.start(ChatServer.status(200, "<html>gateway</html>"));
                LlmNoteWriter writer = writer(server)) {
            assertThat(writer.write(visit, soap).fallbackReason()).isEqualTo("llm_malformed_json");
        }
    }

    @Test
    void redactionKeepsThePatientsNameAndEmailOutOfTheRequest() throws IOException {
        try (ChatServer server = ChatServer.start(ChatServer.content(SOAP_ANSWER));
                LlmNoteWriter writer = writer(server)) {
            writer.write(visit, soap);

            String body = server.last().body();
            assertThat(body).doesNotContainIgnoringCase("jane");
            assertThat(body).doesNotContainIgnoringCase("whitaker");
            assertThat(body).doesNotContain("@example.com");
            String user = server.last()
                    .json()
                    .path("messages")
                    .path(1)
                    .path("content")
                    .asText();
            assertThat(user)
                    .contains("Good morning [PATIENT], what brings you in")
                    .contains("send the summary to [EMAIL], [PATIENT] is my married name");
        }
    }

    @Test
    void withoutRedactionTheNameAndEmailAreSent() throws IOException {
        try (ChatServer server = ChatServer.start(ChatServer.content(SOAP_ANSWER));
                LlmNoteWriter writer = writer(settings(server.baseUrl()).withRedactPatient(false))) {
            writer.write(visit, soap);

            assertThat(server.last().body()).contains("Good morning Jane", "jane.whitaker@example.com");
        }
    }

    @Test
    void logsOneLinePerFallbackWithTheReasonCodeAndNoTextNamesOrKey() throws IOException {
        String answer = "not json, but it quotes the visit: Jane Doe-Whitaker has a throbbing headache";
        try (ChatServer server = ChatServer.start(ChatServer.content(answer));
                LlmNoteWriter writer = writer(server)) {
            writer.write(visit, soap);
        }
        List<String> lines = logs.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
        assertThat(logs.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .allSatisfy(line -> assertThat(line).doesNotContain("Jane", "headache", KEY));
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("llm_malformed_json", "soap", "offline");
        for (String forbidden : List.of("Jane", "Whitaker", "headache", "throbbing", "example.com", KEY)) {
            assertThat(lines.get(0)).doesNotContain(forbidden);
        }
    }

    private static CueTimes times(double start, double end) {
        return new CueTimes(Duration.ofMillis(Math.round(start * 1000)), Duration.ofMillis(Math.round(end * 1000)));
    }
}
