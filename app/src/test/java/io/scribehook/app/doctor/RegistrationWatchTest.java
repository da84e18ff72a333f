package io.scribehook.app.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scribehook.core.event.BodyShape;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.receiver.healthie.ExpectedRegistration;
import io.scribehook.receiver.healthie.FetchResult;
import io.scribehook.receiver.healthie.HealthieClient;
import io.scribehook.receiver.healthie.RegistrationWatch;
import io.scribehook.receiver.healthie.Webhook;
import io.scribehook.receiver.inbox.WebhookEntry;
import io.scribehook.receiver.inbox.WebhookFilter;
import io.scribehook.receiver.inbox.WebhookLog;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The periodic registration check against the hub's real GraphQL API: disabling one of our
 * registrations raises one alarm (log line, counter, gauge) whose operator event travels through
 * the delivery outbox to an operator's subscription to {@code webhook.disabled}.
 */
class RegistrationWatchTest {
    @Test
    void aDisabledRegistrationRaisesOneAlarmThatReachesTheOperatorsWebhook() {
        try (DoctorTest.Setup s = DoctorTest.setup()) {
            s.storeSecret(s.webhook().signatureSecret());
            Webhook operator;
            try (HealthieClient c = s.client()) {
                operator = ((FetchResult.Found<Webhook>) c.createWebhook(
                                "http://127.0.0.1:" + s.app().port() + "/healthie-webhooks",
                                List.of(RegistrationWatch.DISABLED, RegistrationWatch.WARNED),
                                true,
                                true))
                        .value();
            }
            s.storeSecret("operator", operator.signatureSecret());
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            try (RegistrationWatch watch = new RegistrationWatch(
                    s.client(),
                    ExpectedRegistration.atPath("/healthie-webhooks"),
                    (type, id) -> s.app()
                            .delivery()
                            .outbox()
                            .enqueue(ThinEvent.of(type, id, RegistrationWatch.RESOURCE_TYPE, BodyShape.REFERENCE)),
                    meters)) {
                assertThat(watch.checkOnce()).isZero();
                assertThat(gauge(meters, "enabled")).isEqualTo(2);

                try (HealthieClient c = s.client()) {
                    c.updateWebhook(s.webhook().id(), null, false, null, null);
                }
                assertThat(watch.checkOnce()).isEqualTo(1);
                assertThat(watch.checkOnce())
                        .as("once per change, not at every check")
                        .isZero();
                assertThat(gauge(meters, "disabled")).isEqualTo(1);
                assertThat(meters.get("scribehook_receiver_registration_alarms")
                                .tag("alarm", RegistrationWatch.DISABLED)
                                .counter()
                                .count())
                        .isEqualTo(1);

                WebhookEntry told = await().atMost(Duration.ofSeconds(20))
                        .until(
                                () -> s.app()
                                        .database()
                                        .jdbi()
                                        .withHandle(h -> WebhookLog.list(
                                                h,
                                                new WebhookFilter(
                                                        RegistrationWatch.DISABLED,
                                                        null,
                                                        s.webhook().id(),
                                                        null,
                                                        null,
                                                        null,
                                                        5))),
                                rows -> rows.size() == 1)
                        .get(0);
                assertThat(told.resourceType()).isEqualTo(RegistrationWatch.RESOURCE_TYPE);
                assertThat(told.keyId()).isEqualTo("operator");

                try (HealthieClient c = s.client()) {
                    c.updateWebhook(s.webhook().id(), null, true, null, null);
                    assertThat(watch.checkOnce()).isZero();
                    c.updateWebhook(s.webhook().id(), null, false, null, null);
                }
                assertThat(watch.checkOnce())
                        .as("disabled again after an enable")
                        .isEqualTo(1);
            }
        }
    }

    private static double gauge(SimpleMeterRegistry meters, String state) {
        return meters.get("scribehook_receiver_registrations")
                .tag("state", state)
                .gauge()
                .value();
    }
}
