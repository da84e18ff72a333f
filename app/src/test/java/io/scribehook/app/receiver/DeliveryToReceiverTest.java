package io.scribehook.app.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.scribehook.core.event.BodyShape;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.delivery.registry.RegistryResult;
import io.scribehook.delivery.registry.Webhook;
import io.scribehook.delivery.registry.WebhookInput;
import io.scribehook.signatures.Profile;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The app's delivery engine (running whatever the roles) sends to the app's own receiver: every
 * profile and both body shapes arrive verified, stored and processed.
 */
class DeliveryToReceiverTest {
    private static ReceiverHarness h;

    @BeforeAll
    static void start() {
        h = ReceiverHarness.start(
                Map.of(
                        "SCRIBEHOOK_HUB_ALLOWED_TARGETS", "127.0.0.1/32",
                        "SCRIBEHOOK_SIGNATURE_PROFILES", "guide,healthie-api,healthie-rfc9421,standard-webhooks"),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void every_profile_is_delivered_verified_and_processed(Profile profile) {
        String shape = profile.ordinal() % 2 == 0 ? "reference" : "guide";
        Webhook w = ((RegistryResult.Saved) h.app.delivery()
                        .registry()
                        .create(WebhookInput.of(
                                        h.base() + "/healthie-webhooks", List.of("appointment.recording_started"))
                                .withProfile(profile.id())
                                .withShape(shape)))
                .webhook();
        assertThat(h.admin(
                                "POST",
                                "/api/receiver/secrets",
                                "{\"key_id\":\"hub-" + w.id() + "\",\"secret\":\""
                                        + w.secret().value() + "\"}")
                        .statusCode())
                .isEqualTo(201);
        try {
            deliverAndCheck(profile, shape, w);
        } finally {
            h.app.delivery().registry().delete(w.id());
        }
    }

    private static void deliverAndCheck(Profile profile, String shape, Webhook w) {
        String id = Integer.toString(2001 + profile.ordinal());
        h.app.delivery()
                .outbox()
                .enqueue(ThinEvent.of("appointment.recording_started", id, "Appointment", BodyShape.REFERENCE));
        JsonNode entry = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> h.adminJson("/api/receiver/webhooks?resource_id=" + id)
                                .get("items"),
                        items -> items.size() == 1)
                .get(0);
        assertThat(entry.get("profile").asText()).isEqualTo(profile.id());
        assertThat(entry.get("key_id").asText()).isEqualTo("hub-" + w.id());
        assertThat(entry.get("body_shape").asText()).isEqualTo(shape);
        h.awaitStatus(entry.get("id").asLong(), "processed");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> h.app.delivery()
                                .attempts()
                                .sent(
                                        new io.scribehook.delivery.send.AttemptLog.Filter(
                                                false, id, null, w.id(), null, null),
                                        10)
                                .size()
                        == 1);
    }
}
