package io.scribehook.app.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scribehook.app.ScribehookApp;
import io.scribehook.app.config.AppConfig;
import io.scribehook.core.config.ConfigSource;
import io.scribehook.core.crypto.DataKeys;
import io.scribehook.core.event.BodyShape;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.delivery.registry.RegistryResult;
import io.scribehook.delivery.registry.Webhook;
import io.scribehook.delivery.registry.WebhookInput;
import io.scribehook.hub.Hub;
import io.scribehook.hub.appointments.Appointment;
import io.scribehook.hub.appointments.AppointmentFields;
import io.scribehook.hub.appointments.Person;
import io.scribehook.hub.appointments.Transcript;
import io.scribehook.hub.appointments.Transcripts;
import io.scribehook.hub.keys.ApiKey;
import io.scribehook.store.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * One process is a complete sandbox: with both roles and no {@code SCRIBEHOOK_HEALTHIE_API_URL},
 * the receiver fetches the appointment and its transcript from this process's own {@code /graphql},
 * over HTTP, at the port bound (port 0), with an API key the hub keeps for it and never shows.
 */
class OneProcessSandboxTest {
    private static final String ADMIN = "admin-token-for-tests-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theReceiverFetchesFromItsOwnHubWithAKeyItKeepsToItself() throws Exception {
        Path dataDir = TestDatabases.newFolder("sandbox");
        AppConfig config = AppConfig.from(ConfigSource.of(Map.of(
                "SCRIBEHOOK_HTTP_PORT",
                "0",
                "SCRIBEHOOK_DATA_DIR",
                dataDir.toString(),
                "SCRIBEHOOK_ADMIN_TOKEN",
                ADMIN,
                "SCRIBEHOOK_HUB_ALLOWED_TARGETS",
                "127.0.0.1/32",
                "SCRIBEHOOK_DATA_KEY",
                DataKeys.generate("k1", new SecureRandom()))));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        String localKeyId;
        try (ScribehookApp app =
                ScribehookApp.start(config, Clock.systemUTC(), new PrintStream(stdout, true, StandardCharsets.UTF_8))) {
            Hub hub = app.hub().orElseThrow();
            localKeyId = localKeys(hub).get(0).keyId();
            String id = appointmentWithTranscript(app, hub);
            Webhook w = ((RegistryResult.Saved) app.delivery()
                            .registry()
                            .create(WebhookInput.of(
                                    "http://127.0.0.1:" + app.port() + "/healthie-webhooks",
                                    List.of("appointment.transcript_available"))))
                    .webhook();
            HttpResponse<String> saved = admin(
                    app,
                    "POST",
                    "/api/receiver/secrets",
                    "{\"key_id\":\"hub-" + w.id() + "\",\"secret\":\""
                            + w.secret().value() + "\"}");
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);

            app.delivery()
                    .outbox()
                    .enqueue(ThinEvent.of("appointment.transcript_available", id, "Appointment", BodyShape.REFERENCE));

            JsonNode drafted = await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                            () -> JSON.readTree(admin(app, "GET", "/api/scribe/appointments/" + id, null)
                                    .body()),
                            a -> "drafted".equals(a.path("scribe").path("state").asText()));
            assertThat(drafted.path("transcripts").get(0).path("turns").asInt()).isEqualTo(2);
            JsonNode turns = JSON.readTree(admin(app, "GET", "/api/scribe/appointments/" + id + "/transcript", null)
                    .body());
            assertThat(turns.path("turns").get(0).path("text").asText()).isEqualTo("What brings you in today?");
            // the appointment and transcript came over HTTP, through this server's own /graphql
            assertThat(app.metrics().scrape())
                    .containsPattern("http_server_requests_seconds_count\\{[^}]*route=\"/graphql\"[^}]*status=\"200\"");
        }
        // a restart on the same database derives the same key: one local key, never a new one per start
        try (ScribehookApp again =
                ScribehookApp.start(config, Clock.systemUTC(), new PrintStream(stdout, true, StandardCharsets.UTF_8))) {
            assertThat(localKeys(again.hub().orElseThrow()))
                    .extracting(ApiKey::keyId)
                    .containsExactly(localKeyId);
        } finally {
            root.detachAppender(logs);
        }
        assertThat(stdout.toString(StandardCharsets.UTF_8)).doesNotContain(localKeyId);
        assertThat(logs.list)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(localKeyId));
    }

    private static List<ApiKey> localKeys(Hub hub) {
        return hub.apiKeys().list().stream()
                .filter(k -> "local receiver".equals(k.name()))
                .toList();
    }

    private static String appointmentWithTranscript(ScribehookApp app, Hub hub) {
        Instant date = Instant.now().minusSeconds(3600);
        Appointment a = hub.appointments()
                .create(new AppointmentFields(
                        EnumSet.allOf(AppointmentFields.Field.class),
                        date,
                        new Person("54321", "Ada", "Provider", "ada@clinic.example"),
                        new Person("67890", "Pat", "Patient", "pat@example.com"),
                        "98765432100",
                        false,
                        true,
                        null));
        String vtt = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\nAda Provider: What brings you in today?\n\n"
                + "2\n00:00:04.000 --> 00:00:07.000\nPat Patient: My knee has hurt for a week.\n";
        app.database()
                .writer()
                .write(h -> Transcripts.store(
                        h,
                        a.id(),
                        "completed",
                        Transcript.PROCESSED_RECORDING,
                        date,
                        date.plusSeconds(600),
                        vtt,
                        null,
                        Instant.now()));
        return a.idText();
    }

    private HttpResponse<String> admin(ScribehookApp app, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Authorization", "Bearer " + ADMIN)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
