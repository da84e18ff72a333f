package io.scribehook.app.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.scribehook.receiver.healthie.HealthieStandIn;
import io.scribehook.signatures.Profile;
import io.scribehook.signatures.WebhookSecret;
import io.scribehook.signatures.WebhookSigner;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The webhook endpoint over real HTTP on SQLite: every answer code, both shapes, every profile. */
class ReceiverEndpointTest {
    private static ReceiverHarness h;

    @BeforeAll
    static void start() {
        h = ReceiverHarness.start(
                Map.of(
                        "SCRIBEHOOK_WEBHOOK_MAX_BYTES",
                        "4KiB",
                        "SCRIBEHOOK_SIGNATURE_PROFILES",
                        "guide,healthie-api,healthie-rfc9421,standard-webhooks"),
                Clock.systemUTC());
        for (int i = 1; i <= 40; i++) {
            h.standIn.putAppointment(
                    Integer.toString(1000 + i), HealthieStandIn.sampleAppointment(Integer.toString(1000 + i)));
        }
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static String reference(String event, String id) {
        return "{\"resource_id\":\"" + id + "\",\"resource_id_type\":\"Appointment\",\"event_type\":\"" + event
                + "\",\"changed_fields\":[]}";
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void eachProfileIsAcceptedStoredAndProcessed(Profile profile) {
        String id = Integer.toString(1001 + profile.ordinal());
        HttpResponse<String> r = h.send(profile, reference("appointment.recording_started", id));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"received\":true}");
        JsonNode entry = h.newest();
        assertThat(entry.get("profile").asText()).isEqualTo(profile.id());
        assertThat(entry.get("resource_id").asText()).isEqualTo(id);
        h.awaitStatus(entry.get("id").asLong(), "processed");
        assertThat(h.appointment(id).path("snapshot").path("found").asBoolean()).isTrue();
        assertThat(h.appointment(id).path("recording").path("state").asText()).isEqualTo("recording");
    }

    @Test
    void theGuideShapeWithANumericIdIsNormalised() {
        String body =
                "{\"event\":\"appointment.recording_stopped\",\"resource_type\":\"Appointment\",\"resource_id\":1010,"
                        + "\"data\":{\"id\":1010,\"updated_at\":\"2026-11-27T10:00:00Z\"}}";
        HttpResponse<String> r = h.send(Profile.GUIDE, body);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode entry = h.newest();
        assertThat(entry.get("body_shape").asText()).isEqualTo("guide");
        assertThat(entry.get("resource_id").asText()).isEqualTo("1010");
        assertThat(entry.get("event_type").asText()).isEqualTo("appointment.recording_stopped");
    }

    @Test
    void missingOrWrongSignaturesAre401WithTheVerifierReason() {
        byte[] body = reference("appointment.recording_started", "1011").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> none = h.post(body, Map.of("Content-Type", "application/json"));
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Signature realm=\"scribehook\"");
        assertThat(ReceiverHarness.json(none.body()).get("error").asText()).isEqualTo("missing_signature");

        Map<String, String> wrongKey = WebhookSigner.sign(
                Profile.HEALTHIE_RFC9421,
                "POST",
                "/healthie-webhooks",
                "application/json",
                body,
                List.of(new WebhookSecret("x", "whsec_not_ours_at_all")),
                h.clock.instant());
        HttpResponse<String> wrong = h.post(body, wrongKey);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Signature realm=\"scribehook\"");
        assertThat(ReceiverHarness.json(wrong.body()).get("error").asText()).isEqualTo("signature_invalid");

        Map<String, String> signed = WebhookSigner.sign(
                Profile.GUIDE,
                "POST",
                "/healthie-webhooks",
                "application/json",
                body,
                List.of(new WebhookSecret("k", ReceiverHarness.SECRET)),
                h.clock.instant());
        byte[] tampered = reference("appointment.recording_started", "1012").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> changed = h.post(tampered, signed);
        assertThat(changed.statusCode()).isEqualTo(401);
        assertThat(ReceiverHarness.json(changed.body()).get("error").asText()).isEqualTo("digest_mismatch");
        assertThat(changed.body()).doesNotContain(ReceiverHarness.SECRET);

        String metrics = h.call(java.net.http.HttpRequest.newBuilder(java.net.URI.create(h.base() + "/metrics"))
                        .build())
                .body();
        assertThat(metrics)
                .contains(
                        "scribehook_receiver_guard_rejections_total{guard=\"signature\",reason=\"missing_signature\"}")
                .contains("guard=\"digest\",reason=\"digest_mismatch\"");
        // refusals are sampled into the log (at most one per reason a second), so each reason is there
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            java.util.Set<String> reasons = new java.util.HashSet<>();
            h.adminJson("/api/receiver/webhooks?status=rejected&limit=500")
                    .get("items")
                    .forEach(e -> reasons.add(e.path("reason").asText()));
            return reasons.containsAll(List.of("missing_signature", "signature_invalid", "digest_mismatch"));
        });
    }

    @Test
    void sizeContentTypeAndBodyAreChecked() {
        String big =
                "{\"event_type\":\"appointment.updated\",\"resource_id\":\"1\",\"pad\":\"" + "x".repeat(5000) + "\"}";
        HttpResponse<String> tooBig = h.send(Profile.HEALTHIE_API, big);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(ReceiverHarness.json(tooBig.body()).get("error").asText()).isEqualTo("payload_too_large");

        byte[] ok = reference("appointment.updated", "1013").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(WebhookSigner.sign(
                Profile.GUIDE,
                "POST",
                "/healthie-webhooks",
                "text/plain",
                ok,
                List.of(new WebhookSecret("k", ReceiverHarness.SECRET)),
                h.clock.instant()));
        HttpResponse<String> text = h.post(ok, headers);
        assertThat(text.statusCode()).isEqualTo(415);

        HttpResponse<String> charset = h.post(
                ok,
                WebhookSigner.sign(
                        Profile.HEALTHIE_RFC9421,
                        "POST",
                        "/healthie-webhooks",
                        "application/json; charset=utf-8",
                        ok,
                        List.of(new WebhookSecret("k", ReceiverHarness.SECRET)),
                        h.clock.instant()));
        assertThat(charset.statusCode()).as(charset.body()).isEqualTo(200);

        HttpResponse<String> notJson = h.send(Profile.GUIDE, "{\"event_type\": ");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(ReceiverHarness.json(notJson.body()).get("error").asText()).isEqualTo("malformed_json");
        HttpResponse<String> noEvent = h.send(Profile.GUIDE, "{\"resource_id\":\"5\"}");
        assertThat(noEvent.statusCode()).isEqualTo(400);
        assertThat(ReceiverHarness.json(noEvent.body()).get("error").asText()).isEqualTo("missing_event_type");
    }

    @Test
    void unknownEventTypesAreStoredAndIgnored() {
        HttpResponse<String> r = h.send(
                Profile.HEALTHIE_API,
                "{\"resource_id\":\"77\",\"resource_id_type\":\"FormAnswerGroup\",\"event_type\":\"form_answer_group.created\",\"changed_fields\":[]}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"received\":true}");
        JsonNode e = h.newest();
        assertThat(e.get("status").asText()).isEqualTo("ignored");
        assertThat(e.get("event_type").asText()).isEqualTo("form_answer_group.created");
    }

    @Test
    void aRedeliveryIsAcknowledgedAsDuplicateAndNotProcessedTwice() {
        String body = reference("appointment.recording_stopped", "1014");
        assertThat(h.send(Profile.GUIDE, body).body()).isEqualTo("{\"received\":true}");
        long first = h.newest().get("id").asLong();
        HttpResponse<String> again = h.send(Profile.HEALTHIE_API, body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("{\"received\":true,\"duplicate\":true}");
        JsonNode dup = h.newest();
        assertThat(dup.get("status").asText()).isEqualTo("duplicate");
        assertThat(dup.get("duplicate_of").asLong()).isEqualTo(first);
    }

    @Test
    void utf8NamesAreCountedInBytes() {
        String body =
                "{\"resource_id\":\"1015\",\"resource_id_type\":\"Appointment\",\"event_type\":\"appointment.participant_joined\","
                        + "\"changed_fields\":[],\"host_user_id\":\"601\",\"user_name\":\"Zoë 山田 Ñúñez\",\"user_email\":\"zoe@example.com\",\"event_ts\":1764237600}";
        for (Profile p : Profile.values()) {
            HttpResponse<String> r = h.send(p, body);
            assertThat(r.statusCode()).as(p.id() + ": " + r.body()).isEqualTo(200);
        }
        JsonNode entries =
                h.adminJson("/api/receiver/webhooks?resource_id=1015").get("items");
        assertThat(entries).hasSize(Profile.values().length);
        long id = entries.get(Profile.values().length - 1).get("id").asLong();
        h.awaitStatus(id, "processed");
        JsonNode attendance = h.appointment("1015").get("attendance");
        assertThat(attendance).hasSize(1);
        assertThat(attendance.toString()).doesNotContain("Zo").doesNotContain("zoe@");
    }

    @Test
    void theAdminApiFiltersAndPaginates() {
        for (int i = 0; i < 3; i++) {
            h.send(Profile.GUIDE, reference("appointment.patient_added", "102" + i));
        }
        JsonNode page1 = h.adminJson("/api/receiver/webhooks?event=appointment.patient_added&limit=2");
        assertThat(page1.get("items")).hasSize(2);
        String cursor = page1.get("next_cursor").asText();
        JsonNode page2 = h.adminJson("/api/receiver/webhooks?event=appointment.patient_added&limit=2&cursor=" + cursor);
        assertThat(page2.get("items")).hasSize(1);
        assertThat(page2.get("items").get(0).get("id").asLong()).isLessThan(Long.parseLong(cursor));
        HttpResponse<String> bad = h.admin("GET", "/api/receiver/webhooks?status=sideways", null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("invalid_request").contains("sideways");
    }
}
