package io.scribehook.app.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.scribehook.app.JarRunner;
import io.scribehook.core.crypto.DataKeys;
import io.scribehook.receiver.healthie.HealthieStandIn;
import io.scribehook.signatures.Profile;
import io.scribehook.store.testing.PostgresTestDatabase;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Search over real HTTP with two app instances on one PostgreSQL database, each with its own data
 * dir and index: a transcript webhook sent to the first becomes a note searchable on the second
 * (clinical synonyms, highlighted snippets, cue times); bad queries are 400 without the query's
 * words; a reindex over the admin API; {@code scribehook scribe search --json} and {@code reindex}
 * against the running server.
 */
class ScribeSearchTest {
    private static final Path LONG_VISIT =
            Path.of("..", "scribe", "src", "test", "resources", "vtt", "visit-60min.vtt");

    @Test
    void aNoteDraftedOnOneInstanceIsFoundOverHttpOnAnother() throws Exception {
        try (PostgresTestDatabase pg = PostgresTestDatabase.create()) {
            Map<String, String> extra = new HashMap<>();
            extra.put("SCRIBEHOOK_DATA_KEY", DataKeys.generate("k1", new SecureRandom()));
            extra.put("SCRIBEHOOK_DATABASE_URL", pg.jdbcUrl());
            try (ReceiverHarness a = ReceiverHarness.start(extra, Clock.systemUTC());
                    ReceiverHarness b = ReceiverHarness.start(withApi(extra, a), Clock.systemUTC())) {
                assertThat(a.app.config().dataDir()).isNotEqualTo(b.app.config().dataDir());
                transcriptWebhook(a, "9201");

                // whichever instance's worker drafted it, both indexes must find it
                JsonNode found = await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100))
                        .until(
                                () -> search(b, "acetaminophen"),
                                r -> r.path("hits").size() > 0);
                JsonNode onA = await().atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(100))
                        .until(
                                () -> search(a, "acetaminophen"),
                                r -> r.path("hits").size() > 0);
                assertThat(onA.path("hits").size()).isEqualTo(found.path("hits").size());
                JsonNode hit = found.path("hits").get(0);
                assertThat(hit.path("appointment_id").asText()).isEqualTo("9201");
                assertThat(hit.path("score").asDouble()).isPositive();
                assertThat(hit.path("snippet").asText()).containsIgnoringCase("<mark>tylenol</mark>");
                assertThat(hit.path("start").isNumber()).isTrue();
                assertThat(hit.path("start").asDouble()).isPositive();
                assertThat(found.path("total").asInt())
                        .isEqualTo(found.path("hits").size());
                assertThat(Files.isDirectory(b.app.config().dataDir().resolve("index")))
                        .isTrue();

                JsonNode lay = search(a, "\"high blood pressure\"");
                assertThat(lay.path("hits"))
                        .anySatisfy(h -> assertThat(h.path("snippet").asText()).contains("<mark>hypertension</mark>"));
                JsonNode notes = search(b, "knee kind:note");
                assertThat(notes.path("hits")).isNotEmpty().allSatisfy(h -> {
                    assertThat(h.path("kind").asText()).isEqualTo("note");
                    assertThat(h.path("note_version").asInt()).isEqualTo(1);
                    assertThat(h.path("section").asText()).isNotBlank();
                });

                HttpResponse<String> bad = b.admin("GET", "/api/scribe/search?q=" + enc("\"Ada Chen"), null);
                assertThat(bad.statusCode()).isEqualTo(400);
                JsonNode error = ReceiverHarness.json(bad.body());
                assertThat(error.path("error").asText()).isEqualTo("invalid_query");
                assertThat(error.path("message").asText()).contains("quotation mark");
                assertThat(bad.body()).doesNotContain("Ada").doesNotContain("Chen");
                HttpResponse<String> empty = b.admin("GET", "/api/scribe/search", null);
                assertThat(empty.statusCode()).isEqualTo(400);
                HttpResponse<String> anonymous =
                        b.call(HttpRequest.newBuilder(URI.create(b.base() + "/api/scribe/search?q=knee"))
                                .build());
                assertThat(anonymous.statusCode()).isEqualTo(401);

                HttpResponse<String> started = b.admin("POST", "/api/scribe/reindex", null);
                assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
                JsonNode status = await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100))
                        .until(
                                () -> b.adminJson("/api/scribe/reindex"),
                                s -> "done".equals(s.path("state").asText()));
                assertThat(status.path("total").asInt()).isEqualTo(1);
                assertThat(search(b, "acetaminophen").path("hits").size())
                        .isEqualTo(found.path("hits").size());

                Path config = cliConfig(b);
                JarRunner.Run json = JarRunner.inProcess(
                        "scribe", "search", "--json", "--server", b.base(), "--config", config.toString(), "tylenol");
                assertThat(json.exit()).as(json.err()).isZero();
                JsonNode cliHit = ReceiverHarness.json(json.out()).path("hits").get(0);
                assertThat(cliHit.path("appointment_id").asText()).isEqualTo("9201");
                assertThat(cliHit.has("score") && cliHit.has("snippet") && cliHit.has("start"))
                        .isTrue();
                JarRunner.Run text = JarRunner.inProcess(
                        "scribe",
                        "search",
                        "--server",
                        b.base(),
                        "--config",
                        config.toString(),
                        "high",
                        "blood",
                        "pressure");
                assertThat(text.exit()).as(text.err()).isZero();
                assertThat(text.out()).contains("appointment 9201 at 00:").contains("[hypertension]");
                JarRunner.Run syntax = JarRunner.inProcess(
                        "scribe", "search", "--server", b.base(), "--config", config.toString(), "knee AND");
                assertThat(syntax.exit()).isEqualTo(2);
                assertThat(syntax.err()).contains("does not parse").doesNotContain("knee");
                JarRunner.Run reindex =
                        JarRunner.inProcess("scribe", "reindex", "--server", b.base(), "--config", config.toString());
                assertThat(reindex.exit()).as(reindex.err()).isZero();
                assertThat(reindex.out()).contains("rebuilt on the server: 1 appointments");
                assertThat(reindex.err()).contains("Reindexing: 1/1 (100%)");
            }
        }
    }

    @Test
    void reindexWithoutARunningServerRebuildsTheDataDirsIndexFromTheDatabase() throws Exception {
        String key = DataKeys.generate("k1", new SecureRandom());
        Path dataDir;
        try (ReceiverHarness h = ReceiverHarness.start(Map.of("SCRIBEHOOK_DATA_KEY", key), Clock.systemUTC())) {
            dataDir = h.app.config().dataDir();
            transcriptWebhook(h, "9301");
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> search(h, "tylenol"), r -> r.path("hits").size() > 0);
        }
        Path config = ReceiverHarness.freshDir().resolve("direct.properties");
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Files.writeString(
                config,
                "SCRIBEHOOK_DATA_DIR=" + dataDir + "\nSCRIBEHOOK_HTTP_PORT=" + port + "\nSCRIBEHOOK_DATA_KEY=" + key
                        + "\nSCRIBEHOOK_ADMIN_TOKEN=" + ReceiverHarness.ADMIN + "\n");
        JarRunner.Run run = JarRunner.inProcess("scribe", "reindex", "--config", config.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("no server at");
        assertThat(run.err()).contains("Reindexing: 1/1 (100%)");
        assertThat(run.out()).doesNotContain("Reindexing").containsPattern(": 1 appointments, [1-9][0-9]* passages");

        Files.writeString(config, "SCRIBEHOOK_DATA_DIR=" + dataDir + "\nSCRIBEHOOK_HTTP_PORT=" + port + "\n");
        JarRunner.Run noKey = JarRunner.inProcess("scribe", "reindex", "--config", config.toString());
        assertThat(noKey.exit()).isEqualTo(2);
        assertThat(noKey.err()).contains("SCRIBEHOOK_DATA_KEY");
    }

    /** The second instance fetches from the first one's stand-in: either may run the job. */
    private static Map<String, String> withApi(Map<String, String> extra, ReceiverHarness first) {
        Map<String, String> m = new HashMap<>(extra);
        m.put("SCRIBEHOOK_HEALTHIE_API_URL", first.standIn.endpoint().toString());
        return m;
    }

    private static Path cliConfig(ReceiverHarness h) throws Exception {
        Path file = ReceiverHarness.freshDir().resolve("cli.properties");
        Files.writeString(
                file,
                "SCRIBEHOOK_ADMIN_TOKEN=" + ReceiverHarness.ADMIN + "\nSCRIBEHOOK_DATA_DIR="
                        + ReceiverHarness.freshDir() + "\n");
        return file;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static JsonNode search(ReceiverHarness h, String q) {
        HttpResponse<String> r = h.admin("GET", "/api/scribe/search?q=" + enc(q), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ReceiverHarness.json(r.body());
    }

    private static void transcriptWebhook(ReceiverHarness h, String id) throws Exception {
        h.standIn.putAppointment(id, HealthieStandIn.sampleAppointment(id));
        h.standIn.putTranscriptFile("tr-" + id, Files.readString(LONG_VISIT));
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        list.add(HealthieStandIn.transcript(
                "tr-" + id,
                "completed",
                "processed_recording",
                HealthieStandIn.fileUrl("tr-" + id),
                "2026-03-02T15:00:05Z",
                "2026-03-02T16:00:00Z"));
        h.standIn.putTranscripts(id, list);
        HttpResponse<String> sent = h.send(
                Profile.HEALTHIE_RFC9421,
                "{\"resource_id\":\"" + id + "\",\"resource_id_type\":\"Appointment\","
                        + "\"event_type\":\"appointment.transcript_available\",\"changed_fields\":[]}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    }
}
