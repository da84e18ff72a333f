package io.scribehook.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.app.server.AdminToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServeTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Path dataDir;
    private static ScribehookApp app;
    private static String stdout;

    @BeforeAll
    static void start() {
        dataDir = TestApps.freshDataDir();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        app = ScribehookApp.start(TestApps.config(dataDir, Map.of()), Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8));
        stdout = out.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAndReadinessOnASqliteFileInTheDataDir() throws Exception {
        assertThat(app.port()).isPositive();
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"ready\"").contains("applied");
        assertThat(dataDir.resolve("scribehook.db")).exists();
    }

    @Test
    void metricsArePrometheusTextWithJvmHttpAndStoreMeters() throws Exception {
        get("/healthz");
        HttpResponse<String> m = get("/metrics");
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(m.body()).contains("jvm_memory_used_bytes").contains("http_server_requests_seconds_count")
                .contains("route=\"/healthz\"").contains("scribehook_store_commits_total");
    }

    @Test
    void adminApiNeedsTheGeneratedToken() throws Exception {
        Path tokenFile = dataDir.resolve(AdminToken.FILE_NAME);
        assertThat(Files.getPosixFilePermissions(tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String token = Files.readString(tokenFile).trim();
        assertThat(stdout).contains(token);

        HttpResponse<String> missing = get("/api/receiver/webhooks");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).contains("\"error\":\"auth_required\"");
        HttpResponse<String> wrong = get("/api/receiver/webhooks", "Authorization", "Bearer nope");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("\"error\":\"auth_invalid\"").doesNotContain(token);
        HttpResponse<String> right = get("/api/no-such-thing", "Authorization", "Bearer " + token);
        assertThat(right.statusCode()).isEqualTo(404);
        assertThat(right.body()).contains("\"error\":\"not_found\"");
    }

    @Test
    void aSecondStartReusesTheTokenAndDoesNotPrintIt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ScribehookApp second = ScribehookApp.start(TestApps.config(dataDir, Map.of()), Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(second.port()).isNotEqualTo(app.port());
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("Admin token");
    }
}
