package io.scribehook.app.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scribehook.app.JarRunner;
import io.scribehook.app.ScribehookApp;
import io.scribehook.app.config.AppConfig;
import io.scribehook.core.config.ConfigSource;
import io.scribehook.core.event.BodyShape;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.store.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The receiver's {@code register} command against the hub of a running app: the registration goes
 * through the hub's GraphQL {@code createWebhook}, {@code webhooks} lists it, and the secret saved
 * with {@code --save} verifies the hub's deliveries.
 */
class RegisterWithHubTest {
    private static final String ADMIN = "admin-token-for-tests-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void registerCreatesTheWebhookThroughGraphQlAndItsSecretVerifiesDeliveries() throws Exception {
        Path dataDir = TestDatabases.newFolder("register-hub");
        AppConfig config = AppConfig.from(ConfigSource.of(Map.of(
                "SCRIBEHOOK_HTTP_PORT",
                "0",
                "SCRIBEHOOK_DATA_DIR",
                dataDir.toString(),
                "SCRIBEHOOK_ADMIN_TOKEN",
                ADMIN,
                "SCRIBEHOOK_HUB_ALLOWED_TARGETS",
                "127.0.0.1/32")));
        try (ScribehookApp app = ScribehookApp.start(
                config,
                Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            String base = "http://127.0.0.1:" + app.port();
            String key = app.hub().orElseThrow().apiKeys().create("cli").value();
            Path cli = dataDir.resolve("cli.properties");
            Files.writeString(
                    cli,
                    String.join(
                            "\n",
                            "SCRIBEHOOK_HTTP_PORT=" + app.port(),
                            "SCRIBEHOOK_DATA_DIR=" + dataDir,
                            "SCRIBEHOOK_ADMIN_TOKEN=" + ADMIN,
                            "SCRIBEHOOK_HEALTHIE_API_URL=" + base + "/graphql",
                            "SCRIBEHOOK_HEALTHIE_API_KEY=" + key,
                            ""));

            JarRunner.Run registered = JarRunner.inProcess(
                    "receiver",
                    "register",
                    "--url",
                    base + "/healthie-webhooks",
                    "--events",
                    "appointment.recording_started,appointment.recording_stopped",
                    "--save",
                    "--config",
                    cli.toString());
            assertThat(registered.exit()).as(registered.err()).isZero();
            Matcher id =
                    Pattern.compile("^id (\\d+)  enabled ", Pattern.MULTILINE).matcher(registered.out());
            assertThat(id.find()).as(registered.out()).isTrue();
            String webhookId = id.group(1);
            assertThat(registered.out())
                    .contains("secret saved as healthie-" + webhookId + " in the running server")
                    .containsPattern("signature_secret: \\S+");

            JarRunner.Run listed =
                    JarRunner.inProcess("receiver", "webhooks", "list", "--json", "--config", cli.toString());
            assertThat(listed.exit()).as(listed.err()).isZero();
            JsonNode row = JSON.readTree(listed.out()
                    .lines()
                    .filter(l -> l.contains("\"id\":\"" + webhookId + "\""))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("webhook " + webhookId + " not listed: " + listed.out())));
            assertThat(row.path("url").asText()).isEqualTo(base + "/healthie-webhooks");
            assertThat(row.toString()).contains("appointment.recording_started", "appointment.recording_stopped");
            assertThat(app.delivery().registry().get(Long.parseLong(webhookId))).isPresent();

            // the saved secret verifies what the hub sends to that registration
            app.delivery()
                    .outbox()
                    .enqueue(ThinEvent.of("appointment.recording_started", "7001", "Appointment", BodyShape.REFERENCE));
            JsonNode entry = await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                            () -> JSON.readTree(get(base + "/api/receiver/webhooks?resource_id=7001"))
                                    .path("items"),
                            items -> items.size() == 1)
                    .get(0);
            assertThat(entry.path("key_id").asText()).isEqualTo("healthie-" + webhookId);
            assertThat(entry.path("status").asText()).isIn("accepted", "processed");

            // rotation with an overlap: the hub keeps the old secret signing for that long
            Instant before = Instant.now();
            JarRunner.Run rotated = JarRunner.inProcess(
                    "receiver",
                    "webhooks",
                    "rotate",
                    webhookId,
                    "--overlap",
                    "24h",
                    "--save",
                    "--config",
                    cli.toString());
            assertThat(rotated.exit()).as(rotated.err()).isZero();
            Instant until = app.delivery()
                    .registry()
                    .get(Long.parseLong(webhookId))
                    .orElseThrow()
                    .previousUntil();
            assertThat(until).isBetween(before.plus(Duration.ofHours(23)), before.plus(Duration.ofHours(25)));
            JarRunner.Run badOverlap = JarRunner.inProcess(
                    "receiver", "webhooks", "rotate", webhookId, "--overlap", "soon", "--config", cli.toString());
            assertThat(badOverlap.exit()).isEqualTo(2);
            assertThat(badOverlap.err()).contains("--overlap");
        }
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + ADMIN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
