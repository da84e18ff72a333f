package io.scribehook.app.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scribehook.app.ScribehookApp;
import io.scribehook.app.config.AppConfig;
import io.scribehook.core.config.ConfigSource;
import io.scribehook.core.event.BodyShape;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.delivery.registry.RegistryResult;
import io.scribehook.delivery.registry.WebhookInput;
import io.scribehook.delivery.send.AttemptLog;
import io.scribehook.hub.Hub;
import io.scribehook.hub.appointments.Appointment;
import io.scribehook.hub.appointments.AppointmentFields;
import io.scribehook.hub.appointments.Person;
import io.scribehook.hub.appointments.Transcript;
import io.scribehook.hub.appointments.Transcripts;
import io.scribehook.receiver.healthie.HealthieApiSettings;
import io.scribehook.receiver.healthie.HealthieClient;
import io.scribehook.receiver.reconcile.Missed;
import io.scribehook.receiver.reconcile.Reconciler;
import io.scribehook.store.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reconcile against the hub's real GraphQL API ({@code sentWebhooks}, {@code appointments}) in a
 * process with both roles: the hub delivers a webhook the receiver refuses (source not allowed: 403),
 * another to an address where nothing listens, and holds a completed transcript no webhook
 * announced. Reconcile names all three appointments with their reasons.
 */
class ReconcileAgainstHubTest {
    @Test
    void findsRefusedUndeliveredAndUnannouncedWorkThroughTheHubsApi() {
        AppConfig config = AppConfig.from(ConfigSource.of(Map.of(
                "SCRIBEHOOK_HTTP_PORT", "0",
                "SCRIBEHOOK_DATA_DIR", TestDatabases.newFolder("hub-reconcile").toString(),
                "SCRIBEHOOK_ROLES", "receiver,hub",
                "SCRIBEHOOK_HUB_ALLOWED_TARGETS", "127.0.0.1/32",
                // the receiver refuses the hub's source address: 403 (a 401 without WWW-Authenticate
                // is an I/O error to the JDK client, so the sender would log no status)
                "SCRIBEHOOK_IP_ALLOWLIST", "10.0.0.0/8",
                "SCRIBEHOOK_ADMIN_TOKEN", "admin-token-for-tests-0123456789")));
        try (ScribehookApp app = ScribehookApp.start(
                config,
                Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            Hub hub = app.hub().orElseThrow();
            Instant now = Instant.now();
            Appointment transcribed = appointment(hub, now.minus(Duration.ofHours(2)));
            Appointment refused = appointment(hub, now.minus(Duration.ofHours(2)));
            Appointment lost = appointment(hub, now.minus(Duration.ofHours(2)));
            app.database()
                    .writer()
                    .write(h -> Transcripts.store(
                            h,
                            transcribed.id(),
                            "completed",
                            Transcript.PROCESSED_RECORDING,
                            now.minus(Duration.ofHours(2)),
                            now.minus(Duration.ofHours(1)),
                            "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\nAda Provider: Hello.\n",
                            null,
                            now));
            long toReceiver =
                    webhook(app, "http://127.0.0.1:" + app.port() + "/healthie-webhooks", "appointment.updated");
            long toNowhere = webhook(app, "http://127.0.0.1:1/hooks", "appointment.created");
            app.delivery().outbox().enqueue(event("appointment.updated", refused));
            app.delivery().outbox().enqueue(event("appointment.created", lost));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> attempts(app, toReceiver) >= 1 && attempts(app, toNowhere) >= 1);

            String key = hub.apiKeys().create("receiver").value();
            URI graphql = URI.create("http://127.0.0.1:" + app.port() + "/graphql");
            try (HealthieClient client = new HealthieClient(HealthieApiSettings.of(graphql, key), Clock.systemUTC())) {
                Reconciler reconciler = new Reconciler(
                        app.database(), app.receiver().orElseThrow().queue(), client, Clock.systemUTC());
                Reconciler.Found found = reconciler.find(now.minus(Duration.ofDays(1)), p -> {});
                assertThat(found).isInstanceOf(Reconciler.Found.Listed.class);
                List<Missed> missed = ((Reconciler.Found.Listed) found).missed();
                assertThat(missed)
                        .as(missed.toString())
                        .extracting(m -> m.appointmentId() + ":" + m.reason().id())
                        .containsExactlyInAnyOrder(
                                refused.idText() + ":rejected",
                                lost.idText() + ":not_received",
                                transcribed.idText() + ":transcript_not_processed");
                assertThat(found.progress().appointmentsScanned()).isGreaterThanOrEqualTo(3);
            }
        }
    }

    private static Appointment appointment(Hub hub, Instant date) {
        return hub.appointments()
                .create(new AppointmentFields(
                        EnumSet.allOf(AppointmentFields.Field.class),
                        date,
                        new Person("54321", "Ada", "Provider", "ada@clinic.example"),
                        new Person("67890", "Pat", "Patient", "pat@example.com"),
                        "98765432100",
                        false,
                        true,
                        null));
    }

    private static long webhook(ScribehookApp app, String url, String event) {
        return ((RegistryResult.Saved) app.delivery().registry().create(WebhookInput.of(url, List.of(event))))
                .webhook()
                .id();
    }

    private static ThinEvent event(String type, Appointment a) {
        return ThinEvent.of(type, a.idText(), "Appointment", BodyShape.REFERENCE);
    }

    private static int attempts(ScribehookApp app, long webhookId) {
        return app.delivery()
                .attempts()
                .sent(new AttemptLog.Filter(null, null, null, webhookId, null, null), 10)
                .size();
    }
}
