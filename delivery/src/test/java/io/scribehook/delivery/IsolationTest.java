package io.scribehook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scribehook.core.event.BodyShape;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.delivery.http.Cidr;
import io.scribehook.delivery.http.DeliveryClient;
import io.scribehook.delivery.registry.RegistryResult;
import io.scribehook.delivery.registry.Webhook;
import io.scribehook.delivery.registry.WebhookInput;
import io.scribehook.delivery.testing.Sink;
import io.scribehook.store.Database;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.QueueSettings;
import io.scribehook.store.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A hanging endpoint holds its own slots (the per-endpoint limit) and no more: every slot it may
 * have is held, and 100 deliveries to a healthy endpoint complete while it still hangs.
 */
class IsolationTest {
    @Test
    void a_hanging_endpoint_never_delays_a_healthy_one() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Database db = TestDatabases.sqlite();
                Sink hanging = Sink.start();
                Sink healthy = Sink.start()) {
            hanging.answer(r -> {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Sink.Answer.of(200);
            });
            JobQueue queue = new JobQueue(
                    db, QueueSettings.defaults().withPollInterval(Duration.ofMillis(100)), Clock.systemUTC());
            DeliverySettings settings = DeliverySettings.defaults()
                    .withAllowedTargets(List.of(Cidr.parse("127.0.0.1/32")))
                    .withConcurrency(6, 2)
                    .withClient(DeliveryClient.Settings.defaults().withTotalTimeout(Duration.ofSeconds(120)));
            try (DeliveryEngine engine =
                    DeliveryEngine.builder(queue).settings(settings).build().start()) {
                Webhook slow = saved(engine, hanging.url("/slow").toString(), "a.slow");
                saved(engine, healthy.url("/ok").toString(), "a.ok");
                for (int i = 0; i < 20; i++) {
                    engine.outbox().enqueue(event("a.slow", i));
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> hanging.inFlight() == 2);
                for (int i = 0; i < 100; i++) {
                    engine.outbox().enqueue(event("a.ok", i));
                }
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> healthy.received().size() == 100);
                // still blocked: the hanging endpoint holds exactly its two slots, nothing answered
                assertThat(release.getCount()).isEqualTo(1);
                assertThat(hanging.inFlight()).isEqualTo(2);
                assertThat(engine.worker().inFlight(slow.id())).isEqualTo(2);
                assertThat(hanging.received()).hasSize(2);
                release.countDown();
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> hanging.received().size() == 20);
            } finally {
                release.countDown();
            }
        }
    }

    private static Webhook saved(DeliveryEngine engine, String url, String type) {
        return ((RegistryResult.Saved) engine.registry().create(WebhookInput.of(url, List.of(type)))).webhook();
    }

    private static ThinEvent event(String type, int i) {
        return ThinEvent.of(type, Integer.toString(i), "Appointment", BodyShape.REFERENCE);
    }
}
