package io.scribehook.app.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scribehook.app.JarRunner;
import io.scribehook.app.ScribehookApp;
import io.scribehook.app.config.AppConfig;
import io.scribehook.core.config.ConfigSource;
import io.scribehook.receiver.healthie.ExpectedRegistration;
import io.scribehook.receiver.healthie.FetchResult;
import io.scribehook.receiver.healthie.HealthieApiSettings;
import io.scribehook.receiver.healthie.HealthieClient;
import io.scribehook.receiver.healthie.Webhook;
import io.scribehook.store.testing.PostgresTestDatabase;
import io.scribehook.store.testing.TcpProxy;
import io.scribehook.store.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code scribehook doctor} against a real deployment in-process: hub and receiver in one app on
 * port 0 over real HTTP, registered through the hub's GraphQL API as the guide's step 2 does; then
 * the same with a disabled registration, a wrong stored secret, and a database that is down.
 */
class DoctorTest {
    private static final String ADMIN = "admin-token-for-tests-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One app with hub and receiver, an API key for its /graphql, and a registration made through it. */
    record Setup(ScribehookApp app, Path dataDir, String apiKey, Webhook webhook) implements AutoCloseable {
        String graphql() {
            return "http://127.0.0.1:" + app.port() + "/graphql";
        }

        HealthieClient client() {
            return new HealthieClient(HealthieApiSettings.of(URI.create(graphql()), apiKey), Clock.systemUTC());
        }

        /** A config file for the doctor: the app's data dir, database, address and API. */
        Path doctorConfig() {
            return doctorConfig(app.port());
        }

        Path doctorConfig(int port) {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("SCRIBEHOOK_HTTP_PORT", Integer.toString(port));
            v.put("SCRIBEHOOK_DATABASE_URL", app.config().databaseUrl());
            v.put("SCRIBEHOOK_DATA_DIR", dataDir.toString());
            v.put("SCRIBEHOOK_ADMIN_TOKEN", ADMIN);
            v.put("SCRIBEHOOK_HEALTHIE_API_URL", graphql());
            v.put("SCRIBEHOOK_HEALTHIE_API_KEY", apiKey);
            return write(dataDir.resolveSibling(dataDir.getFileName() + "-doctor-" + port + ".properties"), v);
        }

        void storeSecret(String secret) {
            storeSecret("healthie-" + webhook.id(), secret);
        }

        void storeSecret(String keyId, String secret) {
            HttpResponse<String> r =
                    send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/receiver/secrets"))
                            .header("Authorization", "Bearer " + ADMIN)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"key_id\":\"" + keyId + "\",\"secret\":\"" + secret + "\"}"))
                            .build());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }

        @Override
        public void close() {
            app.close();
        }
    }

    static Setup setup() {
        return setup(null);
    }

    /** @param databaseUrl null for SQLite in the data dir */
    static Setup setup(String databaseUrl) {
        Path dataDir = TestDatabases.newFolder("doctor");
        Map<String, String> v = new HashMap<>();
        if (databaseUrl != null) {
            v.put("SCRIBEHOOK_DATABASE_URL", databaseUrl);
        }
        v.put("SCRIBEHOOK_HTTP_PORT", "0");
        v.put("SCRIBEHOOK_DATA_DIR", dataDir.toString());
        v.put("SCRIBEHOOK_ADMIN_TOKEN", ADMIN);
        v.put("SCRIBEHOOK_HUB_ALLOWED_TARGETS", "127.0.0.1/32");
        v.put("SCRIBEHOOK_JOB_POLL_INTERVAL", "200ms");
        ScribehookApp app = ScribehookApp.start(
                AppConfig.from(ConfigSource.of(v)),
                Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String key = app.hub().orElseThrow().apiKeys().create("doctor-test").value();
        Setup partial = new Setup(app, dataDir, key, null);
        try (HealthieClient c = partial.client()) {
            FetchResult<Webhook> created = c.createWebhook(
                    "http://127.0.0.1:" + app.port() + "/healthie-webhooks",
                    ExpectedRegistration.GUIDE_EVENTS,
                    true,
                    true);
            assertThat(created).isInstanceOf(FetchResult.Found.class);
            return new Setup(app, dataDir, key, ((FetchResult.Found<Webhook>) created).value());
        }
    }

    private static JarRunner.Run doctor(Path config, String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "doctor";
        args[1] = "--config";
        args[2] = config.toString();
        System.arraycopy(more, 0, args, 3, more.length);
        return JarRunner.inProcess(args);
    }

    @Test
    void aHealthyDeploymentPassesEveryCheckAndTheTestWebhookArrives() throws Exception {
        try (Setup s = setup()) {
            s.storeSecret(s.webhook().signatureSecret());
            JarRunner.Run r = doctor(s.doctorConfig(), "--wait", "30s");
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out())
                    .contains("OK   configuration: valid")
                    .contains("OK   database: reachable and migrated (sqlite schema")
                    .contains(
                            "OK   server: ready at http://127.0.0.1:" + s.app().port())
                    .contains("OK   registration " + s.webhook().id() + ": enabled")
                    .contains("OK   test webhook " + s.webhook().id() + ": arrived after")
                    .contains("OK   dead jobs: none in the receiver queue")
                    .contains("INFO last appointment.participant_joined: never received")
                    .contains("INFO last appointment.recording_started: never received")
                    .doesNotContain("FAIL")
                    .endsWith("healthy" + System.lineSeparator());

            // the first run's test webhook (the hub sends a registration's first event type) is now the last arrival
            // the first run's test webhook (the hub sends a registration's first event type) is now the last arrival
            JarRunner.Run json = doctor(
                    s.doctorConfig(),
                    "--json",
                    "--url",
                    "http://127.0.0.1:" + s.app().port() + "/healthie-webhooks");
            assertThat(json.exit()).as(json.out() + json.err()).isZero();
            JsonNode report = JSON.readTree(json.out());
            assertThat(report.get("healthy").asBoolean()).isTrue();
            assertThat(report.get("findings").findValuesAsText("check"))
                    .contains(
                            "configuration",
                            "database",
                            "registration " + s.webhook().id(),
                            "test webhook " + s.webhook().id());
            assertThat(json.out()).contains("\"check\":\"last appointment.participant_joined\",\"message\":\"20");

            // the test webhooks in the export, with the hub's delivery ids (its Webhook-Id header)
            JarRunner.Run export = JarRunner.inProcess(
                    "receiver",
                    "log",
                    "export",
                    "--since",
                    "1h",
                    "--config",
                    s.doctorConfig().toString());
            assertThat(export.exit()).as(export.err()).isZero();
            assertThat(export.out().lines().filter(l -> l.contains(",Appointment,doctor-")))
                    .hasSize(2)
                    .allMatch(l -> l.matches(
                            "\\d+,msg_\\d+,.*,appointment\\.participant_joined,Appointment,doctor-[0-9a-f]{12},.*"));
        }
    }

    @Test
    void onPostgresqlTooAndTheExportReadsTheDatabaseWhenNoServerAnswers() {
        try (PostgresTestDatabase pg = PostgresTestDatabase.create();
                Setup s = setup(pg.jdbcUrl())) {
            s.storeSecret(s.webhook().signatureSecret());
            JarRunner.Run r = doctor(s.doctorConfig(), "--wait", "30s");
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out())
                    .contains("OK   database: reachable and migrated (postgres schema")
                    .contains("OK   test webhook " + s.webhook().id() + ": arrived after")
                    .contains("INFO last appointment.participant_joined: never received");
            JarRunner.Run again = doctor(s.doctorConfig(), "--wait", "30s");
            assertThat(again.out()).contains("INFO last appointment.participant_joined: 20");

            JarRunner.Run export = JarRunner.inProcess(
                    "receiver",
                    "log",
                    "export",
                    "--since",
                    "1h",
                    "--json",
                    "--config",
                    s.doctorConfig(freePort()).toString());
            assertThat(export.exit()).as(export.err()).isZero();
            assertThat(export.err()).contains("using the database");
            assertThat(export.out().lines().toList())
                    .hasSize(2)
                    .allMatch(l -> l.contains("\"delivery_id\":\"msg_") && l.contains("\"resource_id\":\"doctor-"));
        }
    }

    @Test
    void aDisabledRegistrationIsAFindingWithTheCommandThatEnablesIt() {
        try (Setup s = setup()) {
            s.storeSecret(s.webhook().signatureSecret());
            try (HealthieClient c = s.client()) {
                assertThat(c.updateWebhook(s.webhook().id(), null, false, null, null))
                        .isInstanceOf(FetchResult.Found.class);
            }
            JarRunner.Run r = doctor(s.doctorConfig(), "--wait", "5s");
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            assertThat(r.out())
                    .contains("FAIL registration " + s.webhook().id() + ": disabled at Healthie")
                    .contains(
                            "scribehook receiver webhooks update " + s.webhook().id() + " --enable")
                    .doesNotContain("test webhook " + s.webhook().id())
                    .contains("unhealthy: 1 finding to act on");
        }
    }

    @Test
    void aWrongStoredSecretMakesTheTestWebhookFailVerification() {
        try (Setup s = setup()) {
            s.storeSecret("whsec_not_the_registrations_secret_0123");
            JarRunner.Run r = doctor(s.doctorConfig(), "--wait", "30s");
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            assertThat(r.out())
                    .contains("OK   registration " + s.webhook().id() + ": enabled")
                    .contains("FAIL test webhook " + s.webhook().id() + ": arrived and was refused: signature")
                    .contains(
                            "scribehook receiver webhooks rotate " + s.webhook().id() + " --save");
        }
    }

    @Test
    void aDatabaseThatIsDownIsAFindingAndTheOtherChecksStillRun() {
        try (PostgresTestDatabase pg = PostgresTestDatabase.create();
                TcpProxy proxy = TcpProxy.start(PostgresTestDatabase.HOST, PostgresTestDatabase.PORT)) {
            String url = pg.jdbcUrl(proxy.host(), proxy.port());
            pg.open(io.scribehook.store.DatabaseSettings.of(url)).close(); // migrated once, as serve would
            proxy.cut();
            Map<String, String> v = new LinkedHashMap<>();
            v.put("SCRIBEHOOK_HTTP_PORT", Integer.toString(freePort()));
            v.put("SCRIBEHOOK_DATA_DIR", TestDatabases.newFolder("doctor-pg").toString());
            v.put("SCRIBEHOOK_DATABASE_URL", url);
            v.put("SCRIBEHOOK_ROLES", "receiver");
            JarRunner.Run r =
                    doctor(write(TestDatabases.newFolder("doctor-pg-cfg").resolve("c.properties"), v));
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            assertThat(r.out())
                    .contains("OK   configuration: valid")
                    .contains("FAIL database: unreachable: ")
                    .contains("check SCRIBEHOOK_DATABASE_URL")
                    .contains("FAIL server: no Scribehook server answers")
                    .contains("FAIL registrations: SCRIBEHOOK_HEALTHIE_API_URL is not set")
                    .doesNotContain("password");
        }
    }

    @Test
    void anInvalidConfigurationIsTheOneFinding() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("SCRIBEHOOK_HTTP_PORT", "99999");
        JarRunner.Run r = doctor(write(TestDatabases.newFolder("doctor-cfg").resolve("c.properties"), v));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .startsWith("FAIL configuration: SCRIBEHOOK_HTTP_PORT")
                .contains("99999");
    }

    private static Path write(Path file, Map<String, String> v) {
        try {
            Files.writeString(
                    file,
                    v.entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .collect(Collectors.joining("\n")) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
