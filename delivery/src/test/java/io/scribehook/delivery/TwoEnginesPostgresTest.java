package io.scribehook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scribehook.core.event.BodyShape;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.delivery.http.Cidr;
import io.scribehook.delivery.registry.WebhookInput;
import io.scribehook.delivery.testing.Sink;
import io.scribehook.store.Database;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.QueueSettings;
import io.scribehook.store.testing.PostgresTestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Two engines on separate connection pools of one PostgreSQL database deliver each attempt once. */
class TwoEnginesPostgresTest {
    @Test
    void each_message_is_delivered_once_by_one_of_two_processes() {
        try (PostgresTestDatabase pg = PostgresTestDatabase.create();
                Sink sink = Sink.start()) {
            Database a = pg.open();
            Database b = pg.open();
            QueueSettings qs = QueueSettings.defaults().withPollInterval(Duration.ofMillis(100));
            DeliverySettings settings = DeliverySettings.defaults()
                    .withAllowedTargets(List.of(Cidr.parse("127.0.0.1/32")))
                    .withConcurrency(8, 8);
            try (DeliveryEngine one = DeliveryEngine.builder(new JobQueue(a, qs, Clock.systemUTC()))
                            .settings(settings)
                            .owner("engine-one")
                            .build()
                            .start();
                    DeliveryEngine two = DeliveryEngine.builder(new JobQueue(b, qs, Clock.systemUTC()))
                            .settings(settings)
                            .owner("engine-two")
                            .build()
                            .start()) {
                one.registry().create(WebhookInput.of(sink.url("/a").toString(), List.of("a.b")));
                two.registry().create(WebhookInput.of(sink.url("/b").toString(), List.of("a.b")));
                for (int i = 0; i < 150; i++) {
                    (i % 2 == 0 ? one : two)
                            .outbox()
                            .enqueue(ThinEvent.of("a.b", Integer.toString(i), "Appointment", BodyShape.REFERENCE));
                }
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> sink.received().size() >= 300);
                Map<String, Long> perId = sink.received().stream()
                        .collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()));
                assertThat(perId).hasSize(300);
                assertThat(perId.values()).containsOnly(1L);
                assertThat(one.pool().completed()).isPositive();
                assertThat(two.pool().completed()).isPositive();
                assertThat(one.pool().completed() + two.pool().completed()).isEqualTo(300);
                long attempts = a.withHandle(h -> h.createQuery("SELECT count(*) FROM delivery_attempts")
                        .mapTo(long.class)
                        .one());
                assertThat(attempts).isEqualTo(300);
            }
        }
    }
}
