package io.scribehook.app.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.micrometer.core.instrument.Counter;
import io.scribehook.app.RawHttp;
import io.scribehook.signatures.Profile;
import io.scribehook.store.testing.LogCapture;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The receiver's routes over raw sockets: bodies that never fully arrive, malformed admin JSON, unknown appointments. */
class ReceiverHttpErrorsTest {
    private static final String CANARY = "s3cr3t-CANARY-8c1f";
    private static ReceiverHarness h;

    @BeforeAll
    static void start() {
        h = ReceiverHarness.start(Map.of(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static String webhookHead(String framing) {
        return "POST /healthie-webhooks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + framing + "\r\n";
    }

    private static String adminHead(String framing) {
        return "POST /api/receiver/secrets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ReceiverHarness.ADMIN
                + "\r\nContent-Type: application/json\r\n" + framing + "\r\n";
    }

    @Test
    void aWebhookBodyThatEndsEarlyIs400IncompleteBodyCountedByTheBodyGuard() {
        double before = guardRejections("incomplete_body");
        try (LogCapture log = LogCapture.open()) {
            byte[] request =
                    (webhookHead("Content-Length: 100\r\n") + "{\"event_type\":").getBytes(StandardCharsets.ISO_8859_1);
            RawHttp.Reply r = RawHttp.exchange(h.app.port(), request, true);
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.json().get("error").asText()).isEqualTo("incomplete_body");
            assertThat(guardRejections("incomplete_body")).isEqualTo(before + 1);
            assertQuietRefusal(log);
        }
        String metrics = h.call(java.net.http.HttpRequest.newBuilder(java.net.URI.create(h.base() + "/metrics"))
                        .build())
                .body();
        assertThat(metrics)
                .contains("scribehook_receiver_guard_rejections_total{guard=\"body\",reason=\"incomplete_body\"}");
    }

    @Test
    void aWebhookWithABrokenChunkSizeIs400IncompleteBody() {
        double before = guardRejections("incomplete_body");
        RawHttp.Reply r =
                RawHttp.exchange(h.app.port(), webhookHead("Transfer-Encoding: chunked\r\n") + "ZZ\r\n{}\r\n0\r\n\r\n");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("incomplete_body");
        assertThat(guardRejections("incomplete_body")).isEqualTo(before + 1);
    }

    @Test
    void aWebhookSenderThatHangsUpMidBodyIsCountedWithoutAnError() {
        double before = guardRejections("incomplete_body");
        try (LogCapture log = LogCapture.open()) {
            RawHttp.sendAndReset(h.app.port(), webhookHead("Content-Length: 100\r\n") + "{\"event_type\":");
            await().atMost(Duration.ofSeconds(20)).until(() -> guardRejections("incomplete_body") == before + 1);
            assertQuietRefusal(log);
        }
    }

    @Test
    void anAdminBodyThatEndsEarlyIs400IncompleteBodyCountedPerRoute() {
        double before = bodyFailures("/api/receiver/secrets");
        try (LogCapture log = LogCapture.open()) {
            byte[] request =
                    (adminHead("Content-Length: 100\r\n") + "{\"secret\":").getBytes(StandardCharsets.ISO_8859_1);
            RawHttp.Reply r = RawHttp.exchange(h.app.port(), request, true);
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.json().get("error").asText()).isEqualTo("incomplete_body");
            assertThat(bodyFailures("/api/receiver/secrets")).isEqualTo(before + 1);
            assertThat(log.atLeast(Level.INFO))
                    .singleElement()
                    .satisfies(e -> assertThat(e.getThrowableProxy()).isNull());
            assertThat(log.any(Level.WARN)).as(log.text()).isFalse();
        }
    }

    @Test
    void malformedSecretBodiesAre400NamingTheProblemAndTheSecretIsNeitherEchoedNorLogged() {
        int secretsBefore = h.adminJson("/api/receiver/secrets").get("secrets").size();
        List<String> bodies = List.of(
                CANARY,
                "{\"key_id\":\"k1\",\"secret\":\"" + CANARY,
                "{\"key_id\":\"k1\",\"secret\":" + CANARY + "}",
                "[\"" + CANARY + "\"]",
                "{\"key_id\":\"k1\",\"secret\":[\"" + CANARY + "\"]}",
                "{\"key_id\":[\"" + CANARY + "\"],\"secret\":\"" + CANARY + "\"}");
        try (LogCapture log = LogCapture.open()) {
            for (String body : bodies) {
                HttpResponse<String> r = h.admin("POST", "/api/receiver/secrets", body);
                assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(400);
                var json = ReceiverHarness.json(r.body());
                assertThat(json.get("error").asText()).isIn("malformed_json", "invalid_request");
                assertThat(json.get("message").asText()).isNotBlank();
                assertThat(r.body()).doesNotContain("CANARY");
            }
            assertThat(ReceiverHarness.json(h.admin("POST", "/api/receiver/secrets", CANARY)
                                    .body())
                            .get("message")
                            .asText())
                    .isEqualTo("body is not valid JSON: unexpected character at line 1 column 1");
            assertThat(log.text()).doesNotContain("CANARY");
            assertThat(log.any(Level.ERROR)).isFalse();
        }
        assertThat(h.adminJson("/api/receiver/secrets").get("secrets").size()).isEqualTo(secretsBefore);
    }

    @Test
    void anAppointmentNeverSeenIs404AndOneOnlyNamedByAWebhookIsFound() {
        HttpResponse<String> unknown = h.admin("GET", "/api/receiver/appointments/999999", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(ReceiverHarness.json(unknown.body()).get("error").asText()).isEqualTo("not_found");
        assertThat(ReceiverHarness.json(unknown.body()).get("message").asText()).contains("999999");

        String body =
                "{\"resource_id\":\"888888\",\"resource_id_type\":\"Appointment\",\"event_type\":\"appointment.sideways\",\"changed_fields\":[]}";
        assertThat(h.send(Profile.GUIDE, body).statusCode()).isEqualTo(200);
        HttpResponse<String> named = h.admin("GET", "/api/receiver/appointments/888888", null);
        assertThat(named.statusCode()).as(named.body()).isEqualTo(200);
        assertThat(ReceiverHarness.json(named.body()).get("appointment_id").asText())
                .isEqualTo("888888");
    }

    private static void assertQuietRefusal(LogCapture log) {
        List<ILoggingEvent> refusals = log.events().stream()
                .filter(e -> e.getFormattedMessage().startsWith("webhook refused"))
                .toList();
        // refusals are logged one per reason a second (RefusalSample): another test may have taken this second's
        assertThat(refusals).hasSizeLessThanOrEqualTo(1).allSatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.INFO);
            assertThat(e.getFormattedMessage()).contains("400 incomplete_body").contains("guard body");
            assertThat(e.getThrowableProxy()).isNull();
        });
        assertThat(log.any(Level.WARN)).as(log.text()).isFalse();
    }

    private static double guardRejections(String reason) {
        Counter c = h.app.metrics()
                .registry()
                .find("scribehook_receiver_guard_rejections")
                .tag("guard", "body")
                .tag("reason", reason)
                .counter();
        return c == null ? 0 : c.count();
    }

    private static double bodyFailures(String route) {
        Counter c = h.app.metrics()
                .registry()
                .find("scribehook_http_body_failures")
                .tag("route", route)
                .tag("reason", "incomplete_body")
                .counter();
        return c == null ? 0 : c.count();
    }
}
