package io.scribehook.app.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scribehook.core.time.ManualClock;
import io.scribehook.receiver.healthie.HealthieStandIn;
import io.scribehook.signatures.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behaviour over hours and days, driven by an injected clock. */
class ReceiverClockTest {
    private static final String BODY = "{\"resource_id\":\"3001\",\"resource_id_type\":\"Appointment\","
            + "\"event_type\":\"appointment.transcript_available\",\"changed_fields\":[]}";

    @Test
    void aRedeliveryHoursLaterStillPicksUpANewTranscript() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-27T09:00:00Z"));
        try (ReceiverHarness h = ReceiverHarness.start(Map.of(), clock)) {
            h.standIn.putAppointment("3001", HealthieStandIn.sampleAppointment("3001"));
            h.standIn.putTranscripts(
                    "3001",
                    "["
                            + HealthieStandIn.transcript(
                                    "t-1",
                                    "completed",
                                    "realtime_capture",
                                    "https://files.example/t-1.vtt",
                                    "2026-11-27T08:00:00Z",
                                    "2026-11-27T08:40:00Z")
                            + "]");
            assertThat(h.send(Profile.HEALTHIE_RFC9421, BODY).body()).isEqualTo("{\"received\":true}");
            h.awaitStatus(h.newest().get("id").asLong(), "processed");
            assertThat(h.appointment("3001").get("transcript_ids").toString()).isEqualTo("[\"t-1\"]");

            clock.advance(Duration.ofHours(3));
            h.standIn.putTranscripts(
                    "3001",
                    "["
                            + HealthieStandIn.transcript(
                                    "t-1",
                                    "completed",
                                    "realtime_capture",
                                    "https://files.example/t-1.vtt",
                                    "2026-11-27T08:00:00Z",
                                    "2026-11-27T08:40:00Z")
                            + ","
                            + HealthieStandIn.transcript(
                                    "t-2",
                                    "completed",
                                    "processed_recording",
                                    "https://files.example/t-2.vtt",
                                    "2026-11-27T08:00:00Z",
                                    "2026-11-27T08:40:00Z")
                            + "]");
            assertThat(h.send(Profile.HEALTHIE_RFC9421, BODY).body())
                    .isEqualTo("{\"received\":true,\"duplicate\":true}");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> h.appointment("3001")
                            .get("transcript_ids")
                            .toString()
                            .equals("[\"t-1\",\"t-2\"]"));

            clock.advance(Duration.ofHours(25));
            assertThat(h.send(Profile.HEALTHIE_RFC9421, BODY).body())
                    .as("outside the 24h window it is new again")
                    .isEqualTo("{\"received\":true}");
        }
    }

    @Test
    void retentionDeletesOnlyEntriesOlderThanTheWindow() {
        ManualClock clock = new ManualClock(Instant.parse("2026-10-01T00:00:00Z"));
        try (ReceiverHarness h = ReceiverHarness.start(
                Map.of(
                        "SCRIBEHOOK_WEBHOOK_LOG_RETENTION",
                        "30d",
                        "SCRIBEHOOK_HEALTHIE_API_URL",
                        "http://127.0.0.1:9/graphql"),
                clock)) {
            for (int i = 0; i < 3; i++) {
                h.send(Profile.GUIDE, "{\"resource_id\":\"" + i + "\",\"event_type\":\"other.event\"}");
            }
            clock.advance(Duration.ofDays(20));
            h.send(Profile.GUIDE, "{\"resource_id\":\"9\",\"event_type\":\"other.event\"}");
            clock.advance(Duration.ofDays(11));
            var receiver = h.app.receiver().orElseThrow();
            assertThat(receiver.retention().runOnce()).isEqualTo(3);
            List<String> left =
                    h.adminJson("/api/receiver/webhooks").get("items").findValuesAsText("resource_id");
            assertThat(left).containsExactly("9");
            assertThat(receiver.retention().runOnce()).isZero();
        }
    }
}
