package io.scribehook.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scribehook.delivery.http.AddressGuard;
import io.scribehook.delivery.http.DeliveryClient;
import io.scribehook.delivery.http.HostResolver;
import io.scribehook.delivery.registry.WebhookRegistry;
import io.scribehook.delivery.send.AttemptLog;
import io.scribehook.delivery.send.DeliveryWorker;
import io.scribehook.store.RetentionSweep;
import io.scribehook.store.queue.JobHandlers;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.WorkerPool;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The delivery engine of one process: registry, outbox, redelivery and attempt log over a
 * database's job queue, and, once {@link #start()}ed, the delivery workers (a {@link WorkerPool} on
 * queue {@link Outbox#QUEUE}) and the attempt log's retention sweep. Start it in every process that
 * has a database, whatever its roles: processes share the work through the queue, each attempt
 * claimed by one of them.
 *
 * <pre>{@code
 * DeliveryEngine engine = DeliveryEngine.builder(queue).settings(settings).build().start();
 * engine.registry().create(WebhookInput.of("https://example.com/hooks", List.of("appointment.created")));
 * db.writer().write(h -> { ...own writes...; return engine.outbox().enqueue(h, event); });
 * }</pre>
 */
public final class DeliveryEngine implements AutoCloseable {
    private final JobQueue queue;
    private final DeliverySettings settings;
    private final Clock clock;
    private final WebhookRegistry registry;
    private final Outbox outbox;
    private final Redelivery redelivery;
    private final AttemptLog attempts;
    private final DeliveryClient client;
    private final DeliveryWorker worker;
    private final String owner;
    private WorkerPool pool;
    private RetentionSweep retention;

    private DeliveryEngine(Builder b) {
        this.queue = b.queue;
        this.settings = b.settings;
        this.clock = b.clock;
        this.owner = b.owner;
        this.registry = new WebhookRegistry(queue.database(), clock);
        this.outbox = new Outbox(queue, settings.schedule(), clock);
        this.redelivery = new Redelivery(queue, outbox, clock);
        this.attempts = new AttemptLog(queue.database());
        this.client = new DeliveryClient(settings.client(), new AddressGuard(settings.allowedTargets()), b.resolver);
        this.worker = new DeliveryWorker(queue, registry, outbox, client, settings, clock, b.meters);
    }

    public static Builder builder(JobQueue queue) {
        return new Builder(queue);
    }

    /** Configures a {@link DeliveryEngine}; only the queue is required. */
    public static final class Builder {
        private final JobQueue queue;
        private DeliverySettings settings = DeliverySettings.defaults();
        private Clock clock;
        private HostResolver resolver = HostResolver.SYSTEM;
        private MeterRegistry meters = new SimpleMeterRegistry();
        private String owner;

        private Builder(JobQueue queue) {
            this.queue = Objects.requireNonNull(queue, "queue");
            this.clock = queue.clock();
        }

        public Builder settings(DeliverySettings s) {
            this.settings = Objects.requireNonNull(s, "settings");
            return this;
        }

        /** Default: the queue's clock. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** How target host names are resolved (checked at every connect); default the system's. */
        public Builder resolver(HostResolver r) {
            this.resolver = Objects.requireNonNull(r, "resolver");
            return this;
        }

        public Builder meters(MeterRegistry m) {
            this.meters = Objects.requireNonNull(m, "meters");
            return this;
        }

        /** The lease owner of this engine's workers (unique per process); default the pool's. */
        public Builder owner(String o) {
            this.owner = o;
            return this;
        }

        public DeliveryEngine build() {
            return new DeliveryEngine(this);
        }
    }

    /** Starts the delivery workers and the retention sweep (first after a minute, then every 10 minutes). */
    public synchronized DeliveryEngine start() {
        if (pool != null) {
            throw new IllegalStateException("already started");
        }
        WorkerPool.Builder b = WorkerPool.builder(queue, Outbox.QUEUE)
                .handlers(JobHandlers.create().on(Outbox.KIND, worker))
                .concurrency(settings.concurrency());
        if (owner != null) {
            b.owner(owner);
        }
        pool = b.start();
        retention = attempts.retention(settings.sentRetention(), clock, 1000)
                .start(Duration.ofMinutes(1), Duration.ofMinutes(10));
        return this;
    }

    public WebhookRegistry registry() {
        return registry;
    }

    public Outbox outbox() {
        return outbox;
    }

    public Redelivery redelivery() {
        return redelivery;
    }

    public AttemptLog attempts() {
        return attempts;
    }

    public DeliveryWorker worker() {
        return worker;
    }

    public DeliverySettings settings() {
        return settings;
    }

    /** The running worker pool; null before {@link #start()}. */
    public WorkerPool pool() {
        return pool;
    }

    /** Stops the workers (gracefully, see {@link WorkerPool#close()}), the sweep and the HTTP client. */
    @Override
    public synchronized void close() {
        if (retention != null) {
            retention.close();
        }
        if (pool != null) {
            pool.close();
        }
        client.close();
    }
}
