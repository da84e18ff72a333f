package io.scribehook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scribehook.core.event.BodyShape;
import io.scribehook.core.event.ParseResult;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.core.event.ThinPayloadCodec;
import io.scribehook.core.time.ManualClock;
import io.scribehook.delivery.http.Cidr;
import io.scribehook.delivery.registry.RegistryResult;
import io.scribehook.delivery.registry.Webhook;
import io.scribehook.delivery.registry.WebhookInput;
import io.scribehook.delivery.send.Attempt;
import io.scribehook.delivery.send.DeliveryWorker;
import io.scribehook.delivery.send.RetrySchedule;
import io.scribehook.delivery.testing.Sink;
import io.scribehook.signatures.HttpFields;
import io.scribehook.signatures.HttpMessage;
import io.scribehook.signatures.Profile;
import io.scribehook.signatures.VerificationResult;
import io.scribehook.signatures.WebhookSecret;
import io.scribehook.signatures.WebhookVerifier;
import io.scribehook.store.Database;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.QueueSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine end to end on every database: outbox fan-out, signed delivery to real HTTP endpoints,
 * outcomes, the retry schedule as queue state driven by a {@link ManualClock}, failure streaks,
 * rotation and redelivery. A small subclass per dialect.
 */
public abstract class DeliveryContract {
    protected static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(20);

    protected Database db;
    protected ManualClock clock;
    protected JobQueue queue;
    protected DeliveryEngine engine;
    protected Sink sink;
    protected Sink ops;

    protected abstract Database openDatabase();

    protected DeliverySettings settings() {
        return DeliverySettings.defaults()
                .withSchedule(RetrySchedule.parse("5s,10s,20s"))
                .withJitter(0)
                .withAllowedTargets(List.of(Cidr.parse("127.0.0.1/32")))
                .withConcurrency(8, 4)
                .withFailureThresholds(Duration.ofHours(24), Duration.ofHours(72));
    }

    @BeforeEach
    void startEngine() {
        db = openDatabase();
        clock = new ManualClock(T0);
        queue = new JobQueue(db, QueueSettings.defaults().withPollInterval(Duration.ofMillis(200)), clock);
        sink = Sink.start();
        ops = Sink.start();
        engine = DeliveryEngine.builder(queue).settings(settings()).build().start();
    }

    @AfterEach
    void stopEngine() {
        engine.close();
        sink.close();
        ops.close();
        db.close();
    }

    protected Webhook webhook(String path, WebhookInput in) {
        RegistryResult r = engine.registry().create(in.withUrl(sink.url(path).toString()));
        return ((RegistryResult.Saved) r).webhook();
    }

    protected Webhook webhook(String path, String... types) {
        return webhook(path, WebhookInput.of(null, List.of(types)));
    }

    protected static ThinEvent event(String type, String id) {
        return ThinEvent.of(type, id, "Appointment", BodyShape.REFERENCE);
    }

    protected void advance(Duration d) {
        clock.advance(d);
        queue.nudge(Outbox.QUEUE);
    }

    protected String messageStatus(long messageId) {
        return db.withHandle(h -> h.createQuery("SELECT status FROM delivery_messages WHERE id = ?")
                .bind(0, messageId)
                .mapTo(String.class)
                .one());
    }

    protected void awaitStatus(long messageId, String status) {
        await().atMost(WAIT).until(() -> messageStatus(messageId).equals(status));
    }

    protected void awaitAttempts(long messageId, int n) {
        await().atMost(WAIT).until(() -> engine.attempts().forMessage(messageId).size() >= n);
    }

    protected List<Sink.Received> receivedAt(Sink s, String path) {
        return s.received().stream().filter(r -> r.target().startsWith(path)).toList();
    }

    private static HttpMessage asMessage(Sink.Received r) {
        HttpFields.Builder f = HttpFields.builder();
        r.headers().forEach((k, vs) -> vs.forEach(v -> f.add(k, v)));
        return new HttpMessage(r.method(), r.target(), f.build(), r.body());
    }

    protected VerificationResult verify(Sink.Received r, Profile p, WebhookSecret... secrets) {
        return WebhookVerifier.builder()
                .profiles(List.of(p))
                .secrets(List.of(secrets))
                .clock(clock)
                .build()
                .verify(asMessage(r));
    }

    @Test
    void fan_out_happens_in_the_callers_transaction_and_each_subscriber_gets_its_shape_and_signature() {
        Webhook ref = webhook(
                "/ref?tenant=1",
                WebhookInput.of(null, List.of("appointment.created")).withProfile("healthie-rfc9421"));
        Webhook guide = webhook(
                "/guide",
                WebhookInput.of(null, List.of("appointment.created", "appointment.updated"))
                        .withShape("guide"));
        Webhook sw = webhook(
                "/sw", WebhookInput.of(null, List.of("appointment.created")).withProfile("standard-webhooks"));
        webhook("/other", "appointment.deleted");
        webhook("/off", WebhookInput.of(null, List.of("appointment.created")).withEnabled(false));

        Outbox.Enqueued e = db.writer().write(h -> {
            h.execute("CREATE TABLE IF NOT EXISTS test_own_rows (n INTEGER)");
            h.execute("INSERT INTO test_own_rows VALUES (1)");
            return engine.outbox().enqueue(h, event("appointment.created", "4711"));
        });
        assertThat(e.messageIds()).hasSize(3);
        e.messageIds().forEach(id -> awaitStatus(id, "delivered"));

        Sink.Received r = receivedAt(sink, "/ref").get(0);
        assertThat(r.target()).isEqualTo("/ref?tenant=1");
        assertThat(r.bodyText())
                .isEqualTo("{\"resource_id\":\"4711\",\"resource_id_type\":\"Appointment\","
                        + "\"event_type\":\"appointment.created\",\"changed_fields\":[]}");
        assertThat(verify(r, Profile.HEALTHIE_RFC9421, ref.secret()).isVerified())
                .isTrue();
        assertThat(r.header("webhook-id"))
                .isEqualTo(DeliveryWorker.webhookId(e.messageIds().get(0)));

        Sink.Received g = receivedAt(sink, "/guide").get(0);
        assertThat(g.bodyText())
                .startsWith(
                        "{\"event\":\"appointment.created\",\"resource_type\":\"Appointment\",\"resource_id\":4711");
        assertThat(verify(g, Profile.GUIDE, guide.secret()).isVerified()).isTrue();
        assertThat(verify(g, Profile.GUIDE, ref.secret()).isVerified()).isFalse();

        Sink.Received s = receivedAt(sink, "/sw").get(0);
        assertThat(verify(s, Profile.STANDARD_WEBHOOKS, sw.secret()).isVerified())
                .isTrue();
        assertThat(s.header("webhook-timestamp")).isEqualTo(Long.toString(T0.getEpochSecond()));
        assertThat(s.header("content-digest")).isNull();

        assertThat(receivedAt(sink, "/other")).isEmpty();
        assertThat(receivedAt(sink, "/off")).isEmpty();
        Attempt a = engine.attempts().forMessage(e.messageIds().get(0)).get(0);
        assertThat(a.httpStatus()).isEqualTo(200);
        assertThat(a.outcome()).isEqualTo("delivered");
        assertThat(a.resourceId()).isEqualTo("4711");
    }

    @Test
    void a_rolled_back_transaction_leaves_no_event_message_or_job() {
        webhook("/a", "appointment.created");
        try {
            db.writer().write(h -> {
                engine.outbox().enqueue(h, event("appointment.created", "1"));
                throw new IllegalStateException("the caller's own write failed");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        long events = db.withHandle(h -> h.createQuery("SELECT count(*) FROM delivery_events")
                .mapTo(long.class)
                .one());
        long messages = db.withHandle(h -> h.createQuery("SELECT count(*) FROM delivery_messages")
                .mapTo(long.class)
                .one());
        long jobs = db.withHandle(h -> h.createQuery("SELECT count(*) FROM jobs WHERE queue = 'delivery'")
                .mapTo(long.class)
                .one());
        assertThat(events + messages + jobs).isZero();
    }

    @Test
    void server_errors_are_retried_on_the_schedule_with_the_same_webhook_id() {
        AtomicInteger calls = new AtomicInteger();
        sink.answer(r -> Sink.Answer.of(calls.incrementAndGet() <= 2 ? 503 : 204));
        webhook("/flaky", "appointment.created");
        long m = engine.outbox()
                .enqueue(event("appointment.created", "9"))
                .messageIds()
                .get(0);
        awaitAttempts(m, 1);
        assertThat(queue.find(jobOf(m)).orElseThrow().scheduledAt()).isEqualTo(T0.plusSeconds(5));
        advance(Duration.ofSeconds(4));
        assertThat(engine.attempts().forMessage(m)).hasSize(1);
        advance(Duration.ofSeconds(1));
        awaitAttempts(m, 2);
        advance(Duration.ofSeconds(10));
        awaitStatus(m, "delivered");
        List<Attempt> attempts = engine.attempts().forMessage(m);
        assertThat(attempts).extracting(Attempt::httpStatus).containsExactly(503, 503, 204);
        assertThat(attempts).extracting(Attempt::outcome).containsExactly("retry", "retry", "delivered");
        assertThat(attempts).extracting(Attempt::attempt).containsExactly(1, 2, 3);
        assertThat(sink.received()).extracting(r -> r.header("webhook-id")).containsOnly(DeliveryWorker.webhookId(m));
    }

    private long jobOf(long messageId) {
        return db.withHandle(h -> h.createQuery("SELECT id FROM jobs WHERE queue = 'delivery' AND payload = ?")
                .bind(0, Long.toString(messageId))
                .mapTo(long.class)
                .one());
    }

    @Test
    void client_errors_are_permanent_except_408_and_429_and_410_disables_the_webhook() {
        sink.answer(r -> switch (r.target()) {
            case "/bad" -> Sink.Answer.of(400);
            case "/slow" -> Sink.Answer.of(408);
            case "/limited" -> new Sink.Answer(429, Map.of("Retry-After", "120"), "");
            case "/gone" -> Sink.Answer.of(410);
            default -> Sink.Answer.of(200);
        });
        webhook("/bad", "appointment.created");
        webhook("/slow", "appointment.created");
        webhook("/limited", "appointment.created");
        Webhook gone = webhook("/gone", "appointment.created");
        ops.answer(r -> Sink.Answer.of(200));
        engine.registry().create(WebhookInput.of(ops.url("/ops").toString(), List.of(DeliveryWorker.WEBHOOK_DISABLED)));
        List<Long> m =
                engine.outbox().enqueue(event("appointment.created", "5")).messageIds();
        awaitStatus(m.get(0), "failed");
        awaitAttempts(m.get(1), 1);
        awaitAttempts(m.get(2), 1);
        awaitStatus(m.get(3), "failed");
        assertThat(engine.attempts().forMessage(m.get(0)))
                .singleElement()
                .satisfies(a -> assertThat(a.outcome()).isEqualTo("rejected"));
        assertThat(messageStatus(m.get(1))).isEqualTo("pending");
        assertThat(queue.find(jobOf(m.get(1))).orElseThrow().scheduledAt()).isEqualTo(T0.plusSeconds(5));
        // Retry-After 120 s beats the schedule's 5 s (and the 30 s floor of a 429)
        assertThat(queue.find(jobOf(m.get(2))).orElseThrow().scheduledAt()).isEqualTo(T0.plusSeconds(120));
        Webhook after = engine.registry().get(gone.id()).orElseThrow();
        assertThat(after.enabled()).isFalse();
        assertThat(after.disabledReason()).isEqualTo("gone");
        await().atMost(WAIT).until(() -> !receivedAt(ops, "/ops").isEmpty());
        assertThat(receivedAt(ops, "/ops").get(0).bodyText())
                .contains("\"event_type\":\"webhook.disabled\"")
                .contains("\"resource_id\":\"" + gone.id() + "\"");
        // a disabled webhook's next events are not fanned out to it
        assertThat(engine.outbox().enqueue(event("appointment.created", "6")).messageIds())
                .hasSize(3);
    }

    @Test
    void a_401_without_www_authenticate_is_an_answered_permanent_failure_not_an_io_error() {
        // RFC 9110 wants a challenge on every 401; receivers forget it, and the answer still counts
        sink.answer(r -> Sink.Answer.of(401));
        webhook("/no-challenge", "appointment.created");
        long m = engine.outbox()
                .enqueue(event("appointment.created", "401"))
                .messageIds()
                .get(0);
        awaitAttempts(m, 1);
        assertThat(engine.attempts().forMessage(m)).singleElement().satisfies(a -> {
            assertThat(a.httpStatus())
                    .as(a.errorClass() + ": " + a.responseBody())
                    .isEqualTo(401);
            assertThat(a.outcome()).isEqualTo("rejected");
            assertThat(a.errorClass()).isNull();
        });
        // failed, not pending: the schedule ended instead of retrying (a retry keeps it pending)
        awaitStatus(m, "failed");
        assertThat(receivedAt(sink, "/no-challenge")).hasSize(1);
    }

    @Test
    void should_retry_false_means_one_attempt_and_the_schedule_ends_in_failed() {
        sink.answer(r -> Sink.Answer.of(500));
        webhook("/once", WebhookInput.of(null, List.of("appointment.created")).withShouldRetry(false));
        webhook("/all", "appointment.created");
        List<Long> m =
                engine.outbox().enqueue(event("appointment.created", "7")).messageIds();
        awaitStatus(m.get(0), "failed");
        assertThat(engine.attempts().forMessage(m.get(0))).hasSize(1);
        for (int secs : new int[] {5, 10, 20}) {
            awaitAttempts(m.get(1), engine.attempts().forMessage(m.get(1)).size());
            int before = engine.attempts().forMessage(m.get(1)).size();
            advance(Duration.ofSeconds(secs));
            awaitAttempts(m.get(1), before + 1);
        }
        awaitStatus(m.get(1), "failed");
        assertThat(engine.attempts().forMessage(m.get(1)))
                .extracting(Attempt::outcome)
                .containsExactly("retry", "retry", "retry", "failed");
    }

    @Test
    void rotation_overlap_signs_with_both_keys_for_rfc9421_and_the_old_one_for_legacy_profiles() {
        Webhook rfc = webhook("/rfc", WebhookInput.of(null, List.of("a.b")).withProfile("healthie-rfc9421"));
        Webhook api = webhook("/api", WebhookInput.of(null, List.of("a.b")).withProfile("healthie-api"));
        Webhook rfc2 =
                ((RegistryResult.Saved) engine.registry().expireSignature(rfc.id(), Duration.ofHours(1))).webhook();
        Webhook api2 =
                ((RegistryResult.Saved) engine.registry().expireSignature(api.id(), Duration.ofHours(1))).webhook();
        List<Long> first = engine.outbox().enqueue(event("a.b", "1")).messageIds();
        first.forEach(id -> awaitStatus(id, "delivered"));
        Sink.Received r = receivedAt(sink, "/rfc").get(0);
        assertThat(r.header("signature-input"))
                .contains("sig1=")
                .contains("sig2=")
                .contains("keyid=\"" + rfc2.secret().keyId() + "\"")
                .contains("keyid=\"" + rfc.secret().keyId() + "\"");
        assertThat(verify(r, Profile.HEALTHIE_RFC9421, rfc.secret()).isVerified())
                .isTrue();
        assertThat(verify(r, Profile.HEALTHIE_RFC9421, rfc2.secret()).isVerified())
                .isTrue();
        Sink.Received a = receivedAt(sink, "/api").get(0);
        assertThat(verify(a, Profile.HEALTHIE_API, api.secret()).isVerified()).isTrue();
        assertThat(verify(a, Profile.HEALTHIE_API, api2.secret()).isVerified()).isFalse();

        advance(Duration.ofHours(1));
        engine.outbox().enqueue(event("a.b", "2")).messageIds().forEach(id -> awaitStatus(id, "delivered"));
        Sink.Received a2 = receivedAt(sink, "/api").get(1);
        assertThat(verify(a2, Profile.HEALTHIE_API, api2.secret()).isVerified()).isTrue();
        assertThat(verify(a2, Profile.HEALTHIE_API, api.secret()).isVerified()).isFalse();
        assertThat(receivedAt(sink, "/rfc").get(1).header("signature-input")).doesNotContain("sig2=");
    }

    @Test
    void continuous_failure_warns_then_disables_and_a_success_resets_the_streak() {
        engine.close();
        engine = DeliveryEngine.builder(queue)
                .settings(settings()
                        .withSchedule(RetrySchedule.parse("1h,1h,1h,1h,1h"))
                        .withFailureThresholds(Duration.ofHours(2), Duration.ofHours(4)))
                .build()
                .start();
        AtomicInteger mode = new AtomicInteger(500);
        sink.answer(r -> Sink.Answer.of(mode.get()));
        Webhook w = webhook("/down", "appointment.created");
        engine.registry()
                .create(WebhookInput.of(
                        ops.url("/ops").toString(),
                        List.of(DeliveryWorker.WEBHOOK_WARNED, DeliveryWorker.WEBHOOK_DISABLED)));
        long m = engine.outbox()
                .enqueue(event("appointment.created", "1"))
                .messageIds()
                .get(0);
        awaitAttempts(m, 1);
        assertThat(engine.registry().get(w.id()).orElseThrow().failingSince()).isEqualTo(T0);
        advance(Duration.ofHours(1));
        awaitAttempts(m, 2);
        assertThat(engine.registry().get(w.id()).orElseThrow().warnedAt()).isNull();
        advance(Duration.ofHours(1));
        awaitAttempts(m, 3);
        assertThat(engine.registry().get(w.id()).orElseThrow().warnedAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
        await().atMost(WAIT).until(() -> receivedAt(ops, "/ops").size() == 1);
        assertThat(receivedAt(ops, "/ops").get(0).bodyText()).contains("webhook.warned");

        // one success ends the streak and the warning
        mode.set(200);
        long ok = engine.outbox()
                .enqueue(event("appointment.created", "2"))
                .messageIds()
                .get(0);
        awaitStatus(ok, "delivered");
        Webhook healthy = engine.registry().get(w.id()).orElseThrow();
        assertThat(healthy.failingSince()).isNull();
        assertThat(healthy.warnedAt()).isNull();

        mode.set(500);
        long m2 = engine.outbox()
                .enqueue(event("appointment.created", "3"))
                .messageIds()
                .get(0);
        awaitAttempts(m2, 1);
        Instant streak = clock.instant();
        for (int i = 2; i <= 5; i++) {
            advance(Duration.ofHours(1));
            awaitAttempts(m2, i);
        }
        Webhook off = engine.registry().get(w.id()).orElseThrow();
        assertThat(off.enabled()).isFalse();
        assertThat(off.disabledReason()).isEqualTo("continuous_failure");
        assertThat(off.failingSince()).isEqualTo(streak);
        awaitStatus(m2, "failed");
        await().atMost(WAIT).until(() -> receivedAt(ops, "/ops").size() == 3);
        assertThat(receivedAt(ops, "/ops").stream().map(Sink.Received::bodyText).toList())
                .anySatisfy(b -> assertThat(b).contains("webhook.disabled"));
    }

    @Test
    void redelivery_sends_failed_messages_again_with_the_same_webhook_id() {
        sink.answer(r -> Sink.Answer.of(422));
        webhook("/strict", "appointment.created");
        Outbox.Enqueued e = engine.outbox().enqueue(event("appointment.created", "8"));
        long m = e.messageIds().get(0);
        awaitStatus(m, "failed");
        sink.answer(r -> Sink.Answer.of(200));
        assertThat(engine.redelivery().failed(T0.minusSeconds(1), T0.plusSeconds(1)))
                .containsExactly(m);
        awaitStatus(m, "delivered");
        assertThat(engine.redelivery().event(e.eventId())).containsExactly(m);
        await().atMost(WAIT).until(() -> sink.received().size() == 3);
        assertThat(sink.received()).extracting(r -> r.header("webhook-id")).containsOnly(DeliveryWorker.webhookId(m));
        assertThat(engine.attempts()
                        .sent(new io.scribehook.delivery.send.AttemptLog.Filter(true, "8", null, null, null, null), 10))
                .singleElement()
                .satisfies(a -> assertThat(a.httpStatus()).isEqualTo(422));
        ThinEvent parsed = ((ParseResult.Parsed)
                        ThinPayloadCodec.parse(sink.received().get(0).body()))
                .event();
        assertThat(parsed.resourceId()).isEqualTo("8");
    }

    @Test
    void the_retention_sweep_deletes_old_attempts_messages_and_events() {
        webhook("/a", "appointment.created");
        long m = engine.outbox()
                .enqueue(event("appointment.created", "1"))
                .messageIds()
                .get(0);
        awaitStatus(m, "delivered");
        clock.advance(Duration.ofDays(181));
        int deleted =
                engine.attempts().retention(Duration.ofDays(180), clock, 1).runOnce();
        assertThat(deleted).isPositive();
        assertThat(engine.attempts().forMessage(m)).isEmpty();
        long left = db.withHandle(h -> h.createQuery(
                        "SELECT (SELECT count(*) FROM delivery_events) + (SELECT count(*) FROM delivery_messages)")
                .mapTo(long.class)
                .one());
        assertThat(left).isZero();
    }
}
