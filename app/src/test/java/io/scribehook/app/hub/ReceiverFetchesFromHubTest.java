package io.scribehook.app.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.app.ScribehookApp;
import io.scribehook.app.config.AppConfig;
import io.scribehook.core.config.ConfigSource;
import io.scribehook.hub.Hub;
import io.scribehook.hub.appointments.Appointment;
import io.scribehook.hub.appointments.AppointmentFields;
import io.scribehook.hub.appointments.Person;
import io.scribehook.hub.appointments.Transcript;
import io.scribehook.hub.appointments.Transcripts;
import io.scribehook.receiver.healthie.AppointmentSnapshot;
import io.scribehook.receiver.healthie.FetchResult;
import io.scribehook.receiver.healthie.HealthieApiSettings;
import io.scribehook.receiver.healthie.HealthieClient;
import io.scribehook.receiver.healthie.TranscriptRef;
import io.scribehook.store.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The receiver's own Healthie client reads appointments and transcripts back from the hub's /graphql. */
class ReceiverFetchesFromHubTest {
    @Test
    void theReceiversClientFetchesTheAppointmentAndItsTranscript() throws Exception {
        AppConfig config = AppConfig.from(ConfigSource.of(Map.of(
                "SCRIBEHOOK_HTTP_PORT", "0",
                "SCRIBEHOOK_DATA_DIR", TestDatabases.newFolder("hub-fetch").toString(),
                "SCRIBEHOOK_ROLES", "hub",
                "SCRIBEHOOK_ADMIN_TOKEN", "admin-token-for-tests-0123456789")));
        try (ScribehookApp app = ScribehookApp.start(
                config,
                Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            Hub hub = app.hub().orElseThrow();
            Instant date = Instant.parse("2026-03-01T15:00:00Z");
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
            String vtt = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\nAda Provider: Hello.\n";
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
            String key = hub.apiKeys().create("receiver").value();
            URI graphql = URI.create("http://127.0.0.1:" + app.port() + "/graphql");
            try (HealthieClient client = new HealthieClient(HealthieApiSettings.of(graphql, key), Clock.systemUTC())) {
                FetchResult<AppointmentSnapshot> found = client.appointment(a.idText());
                assertThat(found).isInstanceOf(FetchResult.Found.class);
                AppointmentSnapshot s = ((FetchResult.Found<AppointmentSnapshot>) found).value();
                assertThat(s.id()).isEqualTo(a.idText());
                assertThat(s.date()).isEqualTo(date);
                assertThat(s.zoomMeetingId()).isEqualTo("98765432100");
                assertThat(s.willBeScribed()).isTrue();
                assertThat(s.otherParty().lastName()).isEqualTo("Patient");
                assertThat(s.user().email()).isEqualTo("ada@clinic.example");

                FetchResult<List<TranscriptRef>> refs = client.transcripts(a.idText());
                assertThat(refs).isInstanceOf(FetchResult.Found.class);
                TranscriptRef t =
                        ((FetchResult.Found<List<TranscriptRef>>) refs).value().get(0);
                assertThat(t.type()).isEqualTo("processed_recording");
                assertThat(t.end()).isEqualTo(date.plusSeconds(600));
                HttpResponse<String> file = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(t.expiringUrl()))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(file.body()).isEqualTo(vtt);

                assertThat(client.appointment("999999")).isInstanceOf(FetchResult.NotFound.class);
            }
            try (HealthieClient wrongKey = new HealthieClient(
                    HealthieApiSettings.of(graphql, "shk_000000000000_" + "a".repeat(43)), Clock.systemUTC())) {
                assertThat(wrongKey.appointment(a.idText())).isInstanceOf(FetchResult.PermanentFailure.class);
            }
        }
    }
}
