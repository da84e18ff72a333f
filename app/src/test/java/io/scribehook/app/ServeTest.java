package io.scribehook.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scribehook.app.server.AdminToken;
import io.scribehook.receiver.inbox.Jobs;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.JobRequest;
import io.scribehook.store.queue.JobState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
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
        app = ScribehookApp.start(
                TestApps.config(dataDir, Map.of()),
                Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8));
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
        assertThat(m.body())
                .contains("jvm_memory_used_bytes")
                .contains("http_server_requests_seconds_count")
                .contains("route=\"/healthz\"")
                .contains("scribehook_store_commits_total");
    }

    /** The value of the sample of {@code metric} whose labels include every one of {@code labels}, or empty. */
    private static Optional<Double> sample(String scrape, String metric, String... labels) {
        return scrape.lines()
                .filter(l -> l.startsWith(metric + "{"))
                .filter(l -> Arrays.stream(labels).allMatch(l::contains))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    /** Runs the garbage collector until an object reachable only weakly has been collected. */
    private static void collectWeaklyReachable() {
        WeakReference<Object> canary = new WeakReference<>(new Object());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            System.gc();
            return canary.get() == null;
        });
    }

    @Test
    void queueGaugesReadTheDatabaseAfterAGarbageCollection() throws Exception {
        JobQueue queue = app.receiver().orElseThrow().queue();
        long stray = queue.enqueue(JobRequest.of(Jobs.QUEUE, "no-such-kind", "{}"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> queue.find(stray).orElseThrow().state() == JobState.DEAD);
        collectWeaklyReachable(); // Micrometer holds a gauge's state weakly: a lost one reads NaN from here on
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> sample(get("/metrics").body(), "scribehook_jobs", "queue=\"receiver\"", "state=\"dead\"")
                                .orElse(Double.NaN)
                        == 1.0);
        String m = get("/metrics").body();
        // the periodic reconcile job waits in the same queue: compare with the table, not with 0
        assertThat(sample(m, "scribehook_jobs", "queue=\"receiver\"", "state=\"available\""))
                .contains((double) queue.counts(Jobs.QUEUE).available());
        assertThat(sample(m, "scribehook_jobs", "queue=\"receiver\"", "state=\"running\""))
                .contains(0.0);
        assertThat(sample(m, "scribehook_jobs", "state=\"completed\"")).isEmpty();
        assertThat(sample(m, "scribehook_job_outcomes_total", "queue=\"receiver\"", "outcome=\"dead\""))
                .contains(1.0);
        assertThat(sample(m, "scribehook_job_outcomes_total", "queue=\"receiver\"", "outcome=\"completed\""))
                .contains(0.0);
    }

    @Test
    void adminApiNeedsTheGeneratedToken() throws Exception {
        Path tokenFile = dataDir.resolve(AdminToken.FILE_NAME);
        assertThat(Files.getPosixFilePermissions(tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String token = Files.readString(tokenFile).trim();
        assertThat(stdout).contains(token);

        HttpResponse<String> missing = get("/api/receiver/webhooks");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"scribehook\"");
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
        try (ScribehookApp second = ScribehookApp.start(
                TestApps.config(dataDir, Map.of()),
                Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(second.port()).isNotEqualTo(app.port());
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("Admin token");
    }
}
