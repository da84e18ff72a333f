package io.scribehook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scribehook.core.event.BodyShape;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.delivery.http.Cidr;
import io.scribehook.delivery.http.HostResolver;
import io.scribehook.delivery.registry.RegistryResult;
import io.scribehook.delivery.registry.WebhookInput;
import io.scribehook.delivery.send.Attempt;
import io.scribehook.delivery.testing.Sink;
import io.scribehook.store.Database;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.QueueSettings;
import io.scribehook.store.testing.TestDatabases;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The address check happens when a connection is opened, on the addresses connected to: a redirect
 * to an internal address and a name that resolves to a public address first and to loopback next
 * are both refused, and the internal server they point at never sees a request.
 */
class SsrfGuardTest {
    private Database db;
    private JobQueue queue;
    private Sink front;
    private Sink internal;
    private DeliveryEngine engine;

    @BeforeEach
    void open() {
        db = TestDatabases.sqlite();
        queue = new JobQueue(db, QueueSettings.defaults().withPollInterval(Duration.ofMillis(200)), Clock.systemUTC());
        front = Sink.start();
        internal = Sink.startOnAllInterfaces();
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
        front.close();
        internal.close();
        db.close();
    }

    private DeliveryEngine start(List<Cidr> allowed, HostResolver resolver) {
        engine = DeliveryEngine.builder(queue)
                .settings(DeliverySettings.defaults().withAllowedTargets(allowed))
                .resolver(resolver)
                .build()
                .start();
        return engine;
    }

    private Attempt deliverOnce(String url) {
        ((RegistryResult.Saved) engine.registry().create(WebhookInput.of(url, List.of("appointment.created"))))
                .webhook();
        long m = engine.outbox()
                .enqueue(ThinEvent.of("appointment.created", "1", "Appointment", BodyShape.REFERENCE))
                .messageIds()
                .get(0);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !engine.attempts().forMessage(m).isEmpty());
        return engine.attempts().forMessage(m).get(0);
    }

    @Test
    void a_redirect_to_an_internal_address_is_refused_at_connect_time() {
        start(List.of(Cidr.parse("127.0.0.1/32")), HostResolver.SYSTEM);
        front.answer(
                r -> new Sink.Answer(307, Map.of("Location", "http://127.0.0.2:" + internal.port() + "/admin"), ""));
        Attempt a = deliverOnce(front.url("/hooks").toString());
        assertThat(a.errorClass()).isEqualTo("target_refused");
        assertThat(a.outcome()).isEqualTo("rejected");
        assertThat(a.responseBody()).contains("127.0.0.2").contains("127.0.0.0/8");
        assertThat(front.received()).hasSize(1);
        assertThat(internal.received()).isEmpty();
    }

    @Test
    void a_redirect_within_the_allowed_targets_is_followed_and_signed_for_its_own_path() {
        start(List.of(Cidr.parse("127.0.0.1/32")), HostResolver.SYSTEM);
        front.answer(r -> new Sink.Answer(
                308, Map.of("Location", internal.url("/moved?x=1").toString()), ""));
        Attempt a = deliverOnce(front.url("/hooks").toString());
        assertThat(a.httpStatus()).isEqualTo(200);
        assertThat(internal.received()).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo("/moved?x=1");
            assertThat(r.header("webhook-id")).isEqualTo(front.received().get(0).header("webhook-id"));
            assertThat(r.header("signature"))
                    .isNotEqualTo(front.received().get(0).header("signature"));
        });
    }

    @Test
    void too_many_redirects_fail_the_attempt_without_retry() {
        start(List.of(Cidr.parse("127.0.0.1/32")), HostResolver.SYSTEM);
        front.answer(r -> new Sink.Answer(302, Map.of("Location", "/again"), ""));
        Attempt a = deliverOnce(front.url("/hooks").toString());
        assertThat(a.errorClass()).isEqualTo("redirect");
        assertThat(front.received()).hasSize(4); // the request and 3 redirects
    }

    @Test
    void a_name_that_resolves_to_loopback_on_the_second_lookup_is_refused() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host -> {
            if (!host.equals("hooks.rebind.test")) {
                return HostResolver.SYSTEM.resolve(host);
            }
            return lookups.incrementAndGet() == 1
                    ? List.of(InetAddress.getByName("93.184.216.34"))
                    : List.of(InetAddress.getByName("127.0.0.1"));
        };
        start(List.of(), rebinding);
        // a first lookup (as a check at registration would do) sees a public address ...
        assertThat(AddressGuardOf.strict(rebinding.resolve("hooks.rebind.test")))
                .isEmpty();
        // ... the connection's own lookup sees loopback and is refused
        Attempt a = deliverOnce("http://hooks.rebind.test:" + front.port() + "/hooks");
        assertThat(lookups.get()).isGreaterThanOrEqualTo(2);
        assertThat(a.errorClass()).isEqualTo("target_refused");
        assertThat(a.responseBody()).contains("127.0.0.1");
        assertThat(front.received()).isEmpty();
    }

    @Test
    void an_unresolvable_name_is_a_retried_connection_error() {
        start(List.of(), host -> {
            throw new UnknownHostException(host + ": no such host");
        });
        Attempt a = deliverOnce("https://nowhere.invalid/hooks");
        assertThat(a.errorClass()).isEqualTo("connection");
        assertThat(a.outcome()).isEqualTo("retry");
    }

    /** The strict guard's refusals of some addresses. */
    private static final class AddressGuardOf {
        static List<String> strict(List<InetAddress> addresses) {
            return addresses.stream()
                    .flatMap(a -> io.scribehook.delivery.http.AddressGuard.strict().refusal(a).stream())
                    .toList();
        }
    }
}
