package io.scribehook.delivery.send;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.scribehook.core.event.BodyShape;
import io.scribehook.core.event.ParseResult;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.core.event.ThinPayloadCodec;
import io.scribehook.core.time.Jitter;
import io.scribehook.delivery.DeliverySettings;
import io.scribehook.delivery.Outbox;
import io.scribehook.delivery.http.DeliveryClient;
import io.scribehook.delivery.http.HttpAttempt;
import io.scribehook.delivery.registry.Webhook;
import io.scribehook.delivery.registry.WebhookRegistry;
import io.scribehook.store.Database;
import io.scribehook.store.queue.CompletionResult;
import io.scribehook.store.queue.Job;
import io.scribehook.store.queue.JobHandler;
import io.scribehook.store.queue.JobOutcome;
import io.scribehook.store.queue.JobQueue;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one message (the job's payload is its id): the event's thin body in the webhook's shape,
 * signed in its profile (both secrets during a rotation overlap where the profile allows), with a
 * {@code Webhook-Id} that is the same on every attempt. Then, in one transaction: the attempt log
 * row, the message's state, the webhook's health (failure streak, warning, disabling, each with its
 * operational event through the {@link Outbox}) and the job's next state (done, retry at a time,
 * or dead). Retries are queue state: nothing here sleeps.
 */
public final class DeliveryWorker implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    /** The most handlers whose reads, or records, share one batch. */
    private static final int BATCH = 200;
    /** Operational event: a webhook has failed continuously for the warning threshold. */
    public static final String WEBHOOK_WARNED = "webhook.warned";
    /** Operational event: the engine disabled a webhook (410, or continuous failure). */
    public static final String WEBHOOK_DISABLED = "webhook.disabled";

    private final Database db;
    private final JobQueue queue;
    private final WebhookRegistry registry;
    private final Outbox outbox;
    private final DeliveryClient client;
    private final DeliverySettings settings;
    private final OutcomeRules rules;
    private final EndpointLimiter limiter;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer duration;
    private final java.util.concurrent.ConcurrentHashMap<String, Counter> outcomes =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** The reads of concurrent handlers, one statement for all (the jobs of a claim start together). */
    private final Coalescer<Long, Optional<Loaded>> loads = new Coalescer<>(this::loadAll, BATCH);
    /** The records of concurrent deliveries, one group-committed unit with batched statements. */
    private final Coalescer<Delivered, JobOutcome> delivered = new Coalescer<>(this::recordDelivered, BATCH);

    public DeliveryWorker(
            JobQueue queue,
            WebhookRegistry registry,
            Outbox outbox,
            DeliveryClient client,
            DeliverySettings settings,
            Clock clock,
            MeterRegistry meters) {
        this.db = queue.database();
        this.queue = queue;
        this.registry = registry;
        this.outbox = outbox;
        this.client = client;
        this.settings = settings;
        this.rules = new OutcomeRules(settings);
        this.limiter = new EndpointLimiter(settings.perEndpointConcurrency());
        this.clock = clock;
        this.meters = meters;
        this.duration = Timer.builder("scribehook.delivery.attempt.duration")
                .description("time from request to answer (or failure) of a delivery attempt")
                .register(meters);
    }

    /** The stable {@code Webhook-Id} of a message: the same on every attempt and redelivery. */
    public static String webhookId(long messageId) {
        return "msg_" + messageId;
    }

    /**
     * How well concurrent deliveries share statements: the mean number of messages per batched read
     * and of delivered attempts per batched record.
     */
    public record Coalescing(double loadsPerRead, double recordsPerWrite) {}

    /** {@link Coalescing} since this worker was made. */
    public Coalescing coalescing() {
        return new Coalescing(
                loads.calls() / (double) Math.max(1, loads.batches()),
                delivered.calls() / (double) Math.max(1, delivered.batches()));
    }

    /** Deliveries in flight to a webhook in this process (for tests and the dashboard). */
    public int inFlight(long webhookId) {
        return limiter.inFlight(webhookId);
    }

    @Override
    public JobOutcome handle(Job job) throws Exception {
        long messageId = Long.parseLong(job.payload().strip());
        Optional<Loaded> found = loads.call(messageId);
        if (found.isEmpty()) {
            return new JobOutcome.Completed(queue.complete(job)); // the message is gone (retention)
        }
        Loaded m = found.get();
        if (m.webhook() == null || !m.webhook().enabled()) {
            return db.writer().write(h -> {
                setMessage(h, messageId, "skipped", job.attempt() - 1, null, null);
                return (JobOutcome) new JobOutcome.Completed(queue.complete(h, job));
            });
        }
        Webhook w = m.webhook();
        if (!limiter.tryAcquire(w.id())) {
            return new JobOutcome.Snooze(
                    clock.instant().plus(Jitter.spread(settings.endpointBusySnooze(), 0.2)),
                    "endpoint busy: " + settings.perEndpointConcurrency() + " deliveries in flight");
        }
        HttpAttempt attempt;
        Instant started = clock.instant();
        try {
            byte[] body = m.body(w.shape());
            attempt = client.post(URI.create(w.url()), body, url -> headers(w, messageId, url, body, started));
        } finally {
            limiter.release(w.id());
        }
        duration.record(attempt.duration());
        Instant now = clock.instant();
        boolean last = job.attempt() >= job.maxAttempts() || !w.shouldRetry();
        DeliveryOutcome outcome = rules.judge(attempt, job.attempt(), last, now);
        outcomes.computeIfAbsent(
                        outcome.code(),
                        code -> Counter.builder("scribehook.delivery.attempts")
                                .description("delivery attempts by outcome")
                                .tag("outcome", code)
                                .register(meters))
                .increment();
        if (outcome instanceof DeliveryOutcome.Delivered) {
            return delivered.call(new Delivered(job, m, attempt, outcome, now));
        }
        return db.writer().write(h -> record(h, job, m, attempt, outcome, now));
    }

    /** A delivered attempt waiting for its record. */
    private record Delivered(Job job, Loaded m, HttpAttempt attempt, DeliveryOutcome outcome, Instant now) {}

    /**
     * The records of delivered attempts in one unit: the attempt rows and the messages' states as
     * two statement batches, the success of webhooks loaded unhealthy, the jobs completed with one
     * statement ({@link JobQueue#completeAll}); what {@link #record} does for one, for many.
     */
    private List<JobOutcome> recordDelivered(List<Delivered> batch) {
        return db.writer().write(h -> {
            PreparedBatch attempts = h.prepareBatch(INSERT_ATTEMPT);
            PreparedBatch messages = h.prepareBatch(UPDATE_MESSAGE);
            Set<Long> recovered = new TreeSet<>();
            List<Job> jobs = new ArrayList<>(batch.size());
            long updated = clock.millis();
            for (Delivered d : batch) {
                Webhook w = d.m().webhook();
                if (w.failingSince() != null || w.warnedAt() != null) {
                    recovered.add(w.id());
                }
                Integer status = d.attempt() instanceof HttpAttempt.Answered r ? r.status() : null;
                bindAttempt(attempts, d.job(), d.m(), d.attempt(), d.outcome().code(), d.now());
                attempts.add();
                bindMessage(messages, d.m().messageId(), "delivered", d.job().attempt(), status, updated, d.now());
                messages.add();
                jobs.add(d.job());
            }
            attempts.execute();
            messages.execute();
            for (long id : recovered) {
                // healthy as loaded: a failure recorded since then is cleared by the next success
                WebhookRegistry.recordSuccess(h, id);
            }
            List<JobOutcome> out = new ArrayList<>(batch.size());
            for (CompletionResult r : queue.completeAll(h, jobs)) {
                out.add(new JobOutcome.Completed(r));
            }
            return out;
        });
    }

    private Map<String, String> headers(Webhook w, long messageId, URI url, byte[] body, Instant created) {
        return SignedWebhook.headers(w.profile(), url, body, w.signingSecrets(created), created, webhookId(messageId));
    }

    private JobOutcome record(Handle h, Job job, Loaded m, HttpAttempt a, DeliveryOutcome outcome, Instant now) {
        Webhook w = m.webhook();
        insertAttempt(h, job, m, a, outcome, now);
        Integer status = a instanceof HttpAttempt.Answered r ? r.status() : null;
        switch (outcome) {
            case DeliveryOutcome.Delivered d -> {
                if (w.failingSince() != null || w.warnedAt() != null) {
                    // healthy as loaded: a failure recorded since then is cleared by the next success
                    WebhookRegistry.recordSuccess(h, w.id());
                }
                setMessage(h, m.messageId(), "delivered", job.attempt(), status, now);
                return new JobOutcome.Completed(queue.complete(h, job));
            }
            case DeliveryOutcome.Gone g -> {
                setMessage(h, m.messageId(), "failed", job.attempt(), status, null);
                if (WebhookRegistry.disable(h, w.id(), "gone", now)) {
                    announce(h, WEBHOOK_DISABLED, w, "the endpoint answered 410 Gone");
                }
                return new JobOutcome.Recorded(queue.fail(h, job, "HTTP 410: webhook disabled", false));
            }
            case DeliveryOutcome.Rejected r -> {
                failure(h, w, now);
                setMessage(h, m.messageId(), "failed", job.attempt(), status, null);
                return new JobOutcome.Recorded(queue.fail(h, job, r.reason(), false));
            }
            case DeliveryOutcome.Exhausted x -> {
                failure(h, w, now);
                setMessage(h, m.messageId(), "failed", job.attempt(), status, null);
                return new JobOutcome.Recorded(queue.fail(h, job, x.reason(), false));
            }
            case DeliveryOutcome.Retry r -> {
                boolean disabled = failure(h, w, now);
                if (disabled) {
                    setMessage(h, m.messageId(), "failed", job.attempt(), status, null);
                    return new JobOutcome.Recorded(queue.fail(h, job, r.reason() + "; webhook disabled", false));
                }
                setMessage(h, m.messageId(), "pending", job.attempt(), status, null);
                return new JobOutcome.Recorded(queue.retryAt(h, job, r.at(), r.reason()));
            }
        }
    }

    /** A failed attempt's effect on the webhook's health; true when it disabled the webhook. */
    private boolean failure(Handle h, Webhook w, Instant now) {
        WebhookRegistry.recordFailure(h, w.id(), now);
        Webhook current = registry.forDelivery(h, w.id()).orElse(null);
        if (current == null || current.failingSince() == null) {
            return false;
        }
        Duration failing = Duration.between(current.failingSince(), now);
        if (failing.compareTo(settings.disableAfter()) >= 0
                && WebhookRegistry.disable(h, w.id(), "continuous_failure", now)) {
            LOG.warn("webhook {} disabled: failing continuously since {}", w.id(), current.failingSince());
            meters.counter("scribehook.delivery.webhooks.disabled").increment();
            announce(h, WEBHOOK_DISABLED, w, "failing continuously since " + current.failingSince());
            return true;
        }
        if (failing.compareTo(settings.warnAfter()) >= 0 && WebhookRegistry.markWarned(h, w.id(), now)) {
            LOG.warn("webhook {} warned: failing continuously since {}", w.id(), current.failingSince());
            meters.counter("scribehook.delivery.webhooks.warned").increment();
            announce(h, WEBHOOK_WARNED, w, "failing continuously since " + current.failingSince());
        }
        return false;
    }

    private void announce(Handle h, String type, Webhook w, String why) {
        LOG.info("webhook {}: {} ({})", w.id(), type, why);
        outbox.enqueue(h, ThinEvent.of(type, Long.toString(w.id()), "Webhook", BodyShape.REFERENCE));
    }

    private void insertAttempt(Handle h, Job job, Loaded m, HttpAttempt a, DeliveryOutcome outcome, Instant now) {
        Update u = h.createUpdate(INSERT_ATTEMPT);
        bindAttempt(u, job, m, a, outcome.code(), now);
        u.execute();
    }

    private static final String INSERT_ATTEMPT = "INSERT INTO delivery_attempts (message_id, webhook_id, event_id,"
            + " event_type, resource_id, resource_type, url, attempt, attempted_at, duration_ms, http_status, outcome,"
            + " error_class, response_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String UPDATE_MESSAGE = "UPDATE delivery_messages SET status = ?, attempts = ?,"
            + " last_status = coalesce(?, last_status), updated_at = ?, delivered_at = coalesce(?, delivered_at)"
            + " WHERE id = ?";

    private static void bindAttempt(SqlStatement<?> st, Job job, Loaded m, HttpAttempt a, String outcome, Instant now) {
        Integer status = null;
        String body = null;
        String error = null;
        if (a instanceof HttpAttempt.Answered r) {
            status = r.status();
            body = r.body();
        } else if (a instanceof HttpAttempt.Failed f) {
            error = f.error().code();
            body = f.message();
        }
        st.bind(0, m.messageId())
                .bind(1, m.webhook().id())
                .bind(2, m.eventId())
                .bind(3, m.eventType())
                .bind(4, m.resourceId())
                .bind(5, m.resourceType())
                .bind(6, m.webhook().url())
                .bind(7, job.attempt())
                .bind(8, now.toEpochMilli())
                .bind(9, a.duration().toMillis())
                .bind(10, status)
                .bind(11, outcome)
                .bind(12, error)
                .bind(13, body);
    }

    private void setMessage(Handle h, long id, String status, int attempts, Integer httpStatus, Instant delivered) {
        Update u = h.createUpdate(UPDATE_MESSAGE);
        bindMessage(u, id, status, attempts, httpStatus, clock.millis(), delivered);
        u.execute();
    }

    private static void bindMessage(
            SqlStatement<?> st,
            long id,
            String status,
            int attempts,
            Integer httpStatus,
            long updatedAt,
            Instant delivered) {
        st.bind(0, status)
                .bind(1, attempts)
                .bind(2, httpStatus)
                .bind(3, updatedAt)
                .bind(4, delivered == null ? null : delivered.toEpochMilli())
                .bind(5, id);
    }

    /**
     * The messages of {@code ids} with their events and webhooks (null when deleted), in one statement
     * ({@link #loads} passes at most {@link #BATCH}); results in the order of {@code ids}, empty where
     * a message is gone.
     */
    private List<Optional<Loaded>> loadAll(List<Long> ids) {
        Map<Long, Loaded> found = new HashMap<>();
        db.withHandle(h -> {
            var q = h.createQuery(LOAD + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")");
            for (int i = 0; i < ids.size(); i++) {
                q.bind(i, ids.get(i));
            }
            q.map((rs, ctx) -> new Loaded(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            WebhookRegistry.readJoined(rs, 7)))
                    .forEach(l -> found.put(l.messageId(), l));
            return null;
        });
        List<Optional<Loaded>> out = new ArrayList<>(ids.size());
        for (long id : ids) {
            out.add(Optional.ofNullable(found.get(id)));
        }
        return out;
    }

    private static final String LOAD = "SELECT m.id, m.event_id, e.event_type, e.resource_id, e.resource_type, e.body, "
            + WebhookRegistry.joinedColumns("w")
            + " FROM delivery_messages m JOIN delivery_events e ON e.id = m.event_id"
            + " LEFT JOIN delivery_webhooks w ON w.id = m.webhook_id WHERE m.id IN (";

    /** A message as delivered: its event's stored (REFERENCE) body and columns, and its webhook. */
    private record Loaded(
            long messageId,
            long eventId,
            String eventType,
            String resourceId,
            String resourceType,
            String storedBody,
            Webhook webhook) {
        /** The body in {@code shape}: the stored bytes for REFERENCE, else the event re-encoded. */
        byte[] body(BodyShape shape) {
            byte[] stored = storedBody.getBytes(StandardCharsets.UTF_8);
            if (shape == BodyShape.REFERENCE) {
                return stored;
            }
            return switch (ThinPayloadCodec.parse(stored)) {
                case ParseResult.Parsed p -> ThinPayloadCodec.encode(p.event(), shape);
                case ParseResult.Malformed bad ->
                    throw new IllegalStateException("stored event " + eventId + " is unreadable: " + bad.code());
            };
        }
    }
}
