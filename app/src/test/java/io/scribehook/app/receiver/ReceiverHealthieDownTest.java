package io.scribehook.app.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.scribehook.signatures.Profile;
import io.scribehook.store.testing.LogCapture;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the Healthie API unreachable, the circuit breaker opens after a few failed calls; then jobs
 * that need the API are snoozed (no attempt spent, nothing written to the webhook log) and the log
 * says so once, not once per job.
 */
class ReceiverHealthieDownTest {

    @Test
    void whileTheCircuitIsOpenJobsWaitWithoutSpendingAttemptsAndTheLogSaysSoOnce() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        int webhooks = 40;
        try (LogCapture logs = LogCapture.open();
                ReceiverHarness h = ReceiverHarness.start(
                        Map.of("SCRIBEHOOK_HEALTHIE_API_URL", "http://127.0.0.1:" + closedPort + "/graphql"),
                        Clock.systemUTC())) {
            for (int i = 0; i < webhooks; i++) {
                String body = "{\"resource_id\":\"" + (3000 + i) + "\",\"resource_id_type\":\"Appointment\","
                        + "\"event_type\":\"appointment.updated\",\"changed_fields\":[]}";
                assertThat(h.send(Profile.HEALTHIE_RFC9421, body).statusCode()).isEqualTo(200);
            }
            Counter waited = h.app.metrics()
                    .registry()
                    .find("scribehook_receiver_jobs")
                    .tag("outcome", "waited")
                    .counter();
            await().atMost(Duration.ofSeconds(30)).until(() -> waited.count() >= webhooks - 5);

            List<Integer> attempts = h.app.database()
                    .withHandle(hd -> hd.createQuery(
                                    "SELECT attempt FROM jobs WHERE queue = 'receiver' AND kind = 'webhook'")
                            .mapTo(Integer.class)
                            .list());
            assertThat(attempts).hasSize(webhooks);
            long tried = attempts.stream().filter(a -> a > 0).count();
            // the failures that opened the circuit (5), plus the calls already under way when it opened
            assertThat(tried).as("jobs that spent an attempt").isLessThanOrEqualTo(5 + 8);
            assertThat(attempts).as("snoozed jobs keep their attempts").contains(0);
            assertThat(h.adminJson("/api/receiver/webhooks?status=failed&limit=100")
                            .get("items")
                            .size())
                    .as("only tried webhooks are marked failed")
                    .isEqualTo((int) tried);

            List<String> circuit = logs.lines().stream()
                    .filter(l -> !l.startsWith("DEBUG") && l.contains("circuit open"))
                    .toList();
            assertThat(circuit)
                    .as("one line (at INFO or above) when the circuit opened, none per job")
                    .hasSize(1);
            assertThat(circuit.get(0)).contains("calls paused until");
        }
    }
}
