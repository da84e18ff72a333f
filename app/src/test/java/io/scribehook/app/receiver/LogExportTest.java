package io.scribehook.app.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scribehook.app.JarRunner;
import io.scribehook.signatures.Profile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code scribehook receiver log export}: what Healthie support asks for (appointment ids, event
 * types, times, outcomes), through the server and from the database, and never the participants'
 * names or emails the attendance webhooks carried.
 */
class LogExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOIN =
            "{\"resource_id\":\"3101\",\"resource_id_type\":\"Appointment\",\"event_type\":\"appointment.participant_joined\","
                    + "\"changed_fields\":[],\"host_user_id\":\"601\",\"user_name\":\"Zelda Quartermain\","
                    + "\"user_email\":\"Zelda.Q@Example.com\",\"event_ts\":%d}";
    private static ReceiverHarness h;

    @BeforeAll
    static void start() {
        h = ReceiverHarness.start(Map.of(), Clock.systemUTC());
        accept(String.format(JOIN, 1_764_230_000L));
        accept(String.format(JOIN, 1_764_230_000L).replace("participant_joined", "participant_left"));
        HttpResponse<String> refused =
                h.send(Profile.GUIDE, String.format(JOIN, 1_764_230_100L), "whsec_wrong_0123456789");
        assertThat(refused.statusCode()).isEqualTo(401);
    }

    private static void accept(String body) {
        HttpResponse<String> r = h.send(Profile.GUIDE, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        h.awaitStatus(h.newest().get("id").asLong(), "processed");
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static Path config(int port) {
        Path file = ReceiverHarness.freshDir().resolve("export.properties");
        try {
            Files.writeString(
                    file,
                    "SCRIBEHOOK_HTTP_PORT=" + port + "\nSCRIBEHOOK_DATA_DIR="
                            + h.app.config().dataDir() + "\nSCRIBEHOOK_ADMIN_TOKEN=" + ReceiverHarness.ADMIN + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static JarRunner.Run export(Path config, String... args) {
        List<String> all = new ArrayList<>(List.of("receiver", "log", "export", "--config", config.toString()));
        all.addAll(List.of(args));
        return JarRunner.inProcess(all.toArray(String[]::new));
    }

    private static void assertNoPhi(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain("zelda").doesNotContain("quartermain").doesNotContain("example.com");
    }

    @Test
    void csvThroughTheServerHasIdsTypesTimesAndOutcomesOldestFirstAndNoPhi() {
        JarRunner.Run r = export(config(h.app.port()), "--since", "1h");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0))
                .isEqualTo(
                        "log_id,delivery_id,received_at,event_type,resource_type,resource_id,status,reason,http_status,duplicate_of,profile,"
                                + "key_id,attempts,processed_at,body_sha256");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1))
                .matches(
                        "\\d+,,20\\d\\d-.*Z,appointment\\.participant_joined,Appointment,3101,processed,,200,,guide,env-1,1,20[^,]*Z,[0-9a-f]{64}");
        assertThat(lines.get(2)).contains(",appointment.participant_left,Appointment,3101,processed,");
        assertThat(lines.get(3)).contains(",rejected,").contains(",401,");
        assertNoPhi(r.out() + r.err());
    }

    @Test
    void jsonFromTheDatabaseWhenNoServerAnswersHasTheSameRows() throws Exception {
        JarRunner.Run r = export(config(freePort()), "--since", "1h", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("using the database");
        List<JsonNode> rows = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            rows.add(JSON.readTree(line));
        }
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("resource_id").asText()).isEqualTo("3101");
        assertThat(rows.get(0).get("event_type").asText()).isEqualTo("appointment.participant_joined");
        assertThat(rows.get(0).get("status").asText()).isEqualTo("processed");
        assertThat(rows.get(0).get("log_id").asLong()).isPositive();
        assertThat(rows.get(2).get("status").asText()).isEqualTo("rejected");
        assertNoPhi(r.out() + r.err());
    }

    @Test
    void theRangeFiltersAndBadTimesAreUsageErrors() {
        Path cfg = config(h.app.port());
        JarRunner.Run before = export(cfg, "--since", "2020-01-01T00:00:00Z", "--until", "2020-01-02T00:00:00Z");
        assertThat(before.exit()).isZero();
        assertThat(before.out().lines().count()).as("header only").isEqualTo(1);
        JarRunner.Run bad = export(cfg, "--since", "yesterday");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--since 'yesterday'");
        JarRunner.Run reversed = export(cfg, "--since", "1h", "--until", "2h");
        assertThat(reversed.exit()).isEqualTo(2);
        assertThat(reversed.err()).contains("is not before --until");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
