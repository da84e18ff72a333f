package io.scribehook.receiver;

import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.scribehook.core.crypto.FieldCipher;
import io.scribehook.receiver.config.ReceiverConfig;
import io.scribehook.receiver.healthie.HealthieClient;
import io.scribehook.receiver.healthie.TranscriptDownloader;
import io.scribehook.receiver.http.ReceiverAdminRoutes;
import io.scribehook.receiver.http.ReceiverMetrics;
import io.scribehook.receiver.http.WebhookEndpoint;
import io.scribehook.receiver.inbox.Inbox;
import io.scribehook.receiver.inbox.IntakePressure;
import io.scribehook.receiver.inbox.Jobs;
import io.scribehook.receiver.inbox.RefusalSample;
import io.scribehook.receiver.inbox.WebhookLog;
import io.scribehook.receiver.process.ParticipantKeys;
import io.scribehook.receiver.process.WebhookProcessor;
import io.scribehook.receiver.reconcile.PeriodicReconcile;
import io.scribehook.receiver.reconcile.ReconcileRoutes;
import io.scribehook.receiver.reconcile.ReconcileRuns;
import io.scribehook.receiver.reconcile.Reconciler;
import io.scribehook.receiver.scribe.AttendanceSealing;
import io.scribehook.receiver.scribe.DataKeyRotation;
import io.scribehook.receiver.scribe.HealthieScribeSource;
import io.scribehook.receiver.scribe.ScribeAdminRoutes;
import io.scribehook.receiver.scribe.ScribeSearchRoutes;
import io.scribehook.receiver.scribe.ScribeSetup;
import io.scribehook.receiver.scribe.SearchIndexer;
import io.scribehook.receiver.scribe.SnapshotSealing;
import io.scribehook.receiver.scribe.TranscriptJob;
import io.scribehook.receiver.secrets.VerifierSource;
import io.scribehook.store.Database;
import io.scribehook.store.RetentionSweep;
import io.scribehook.store.queue.JobHandlers;
import io.scribehook.store.queue.JobOutcome;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.QueueSettings;
import io.scribehook.store.queue.WorkerPool;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver role: the webhook endpoint, its durable inbox and workers (webhook processing, the
 * scribe's transcript jobs, data-key rotation, the periodic reconcile), the admin routes
 * ({@code /api/receiver}, {@code /api/scribe}) and the retention sweep. {@link #start} wires it; {@link #register} mounts its routes.
 */
public final class Receiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Receiver.class);
    /** The whole download of one transcript file, connection to last byte. */
    static final Duration TRANSCRIPT_DOWNLOAD_TIMEOUT = Duration.ofSeconds(60);
    /** How often the search indexer looks at the index log when no notification woke it. */
    static final Duration INDEX_POLL = Duration.ofSeconds(5);

    private final ReceiverConfig config;
    private final Inbox inbox;
    private final JobQueue queue;
    private final VerifierSource verifiers;
    private final WebhookEndpoint endpoint;
    private final ReceiverAdminRoutes admin;
    private final ScribeAdminRoutes scribeAdmin;
    private final ReconcileRoutes reconcileRoutes;
    private final Optional<Reconciler> reconciler;
    private final ScribeSearchRoutes scribeSearch;
    private final Optional<SearchIndexer> search;
    private final TranscriptDownloader downloader;
    private final RetentionSweep retention;
    private final WorkerPool workers;
    private final Optional<HealthieClient> healthie;

    private Receiver(
            ReceiverConfig config,
            Inbox inbox,
            JobQueue queue,
            VerifierSource verifiers,
            WebhookEndpoint endpoint,
            ReceiverAdminRoutes admin,
            ScribeAdminRoutes scribeAdmin,
            ReconcileRoutes reconcileRoutes,
            Optional<Reconciler> reconciler,
            Optional<SearchIndexer> search,
            RetentionSweep retention,
            WorkerPool workers,
            Optional<HealthieClient> healthie,
            TranscriptDownloader downloader) {
        this.reconcileRoutes = reconcileRoutes;
        this.reconciler = reconciler;
        this.config = config;
        this.inbox = inbox;
        this.queue = queue;
        this.verifiers = verifiers;
        this.endpoint = endpoint;
        this.admin = admin;
        this.scribeAdmin = scribeAdmin;
        this.search = search;
        this.scribeSearch = new ScribeSearchRoutes(search);
        this.downloader = downloader;
        this.retention = retention;
        this.workers = workers;
        this.healthie = healthie;
    }

    /**
     * Builds the receiver on an open database and starts its workers and retention schedule.
     *
     * @param scribe the pipeline, template and note announcement the transcript jobs use
     */
    public static Receiver start(
            ReceiverConfig config,
            Database db,
            QueueSettings queueSettings,
            MeterRegistry registry,
            Clock clock,
            ScribeSetup scribe) {
        return start(
                config,
                db,
                queueSettings,
                registry,
                clock,
                scribe,
                config.healthieApi().map(s -> new HealthieClient(s, clock, registry)));
    }

    /**
     * As {@link #start(ReceiverConfig, Database, QueueSettings, MeterRegistry, Clock, ScribeSetup)},
     * fetching with {@code healthie} instead of a client made from {@code config.healthieApi()}: the
     * app gives one for its own hub ({@link HealthieClient#ofLocal}). The receiver closes it.
     */
    public static Receiver start(
            ReceiverConfig config,
            Database db,
            QueueSettings queueSettings,
            MeterRegistry registry,
            Clock clock,
            ScribeSetup scribe,
            Optional<HealthieClient> healthie) {
        JobQueue queue = new JobQueue(db, queueSettings, clock);
        Inbox inbox = new Inbox(db, queue, config.dedupeWindow(), clock);
        VerifierSource verifiers = new VerifierSource(
                db, config.profiles(), config.envSecrets(), config.publicPath(), clock, Duration.ofSeconds(15));
        IntakePressure pressure = new IntakePressure(clock);
        Gauge.builder("scribehook_receiver_processing_throttled", pressure, p -> p.throttling() ? 1 : 0)
                .description("1 while a burst of incoming webhooks holds processing to one job at a time")
                .register(registry);
        WebhookEndpoint endpoint = new WebhookEndpoint(
                config.sourceGuard(),
                config.maxBodyBytes(),
                verifiers,
                inbox,
                new ReceiverMetrics(registry),
                pressure,
                new RefusalSample(clock));
        ReceiverAdminRoutes admin = new ReceiverAdminRoutes(db, inbox, verifiers, config.envSecrets(), clock);
        Optional<FieldCipher> cipher = config.dataKeys().map(FieldCipher::new);
        TranscriptDownloader downloader =
                new TranscriptDownloader(TRANSCRIPT_DOWNLOAD_TIMEOUT, TranscriptDownloader.DEFAULT_MAX_BYTES);
        JobHandlers handlers = new WebhookProcessor(
                        db, queue, healthie, cipher, scribe.onMeetingStarted(), clock, registry)
                .handlers();
        Optional<SearchIndexer> search =
                cipher.flatMap(c -> scribe.searchIndex().map(folder -> SearchIndexer.start(db, c, folder, INDEX_POLL)));
        if (healthie.isPresent()) {
            HealthieScribeSource source = new HealthieScribeSource(healthie.get(), downloader);
            handlers = handlers.on(
                    Jobs.SCRIBE_TRANSCRIPT,
                    new TranscriptJob(
                                    db,
                                    queue,
                                    source,
                                    source,
                                    scribe,
                                    cipher,
                                    config.transcriptWait(),
                                    clock,
                                    registry,
                                    search)::handle);
        } else {
            handlers = handlers.on(
                    Jobs.SCRIBE_TRANSCRIPT,
                    job -> JobOutcome.snooze(
                            clock.instant().plus(Duration.ofMinutes(1)),
                            "no Healthie API configured (set SCRIBEHOOK_HEALTHIE_API_URL)"));
        }
        if (cipher.isPresent()) {
            handlers = handlers.on(
                    Jobs.ROTATE_DATA_KEY,
                    new DataKeyRotation(
                            db,
                            queue,
                            cipher.get(),
                            new AttendanceSealing(db, cipher.get(), ParticipantKeys.of(db, clock)),
                            new SnapshotSealing(db, cipher.get()))::handle);
        } else {
            handlers = handlers.on(Jobs.ROTATE_DATA_KEY, job -> JobOutcome.fail("SCRIBEHOOK_DATA_KEY is not set"));
        }
        Optional<Reconciler> reconciler = healthie.map(c -> new Reconciler(db, queue, c, clock));
        PeriodicReconcile periodic = new PeriodicReconcile(
                db, queue, reconciler, config.reconcileInterval(), config.reconcileWindow(), clock);
        handlers = handlers.on(Jobs.RECONCILE, periodic::handle);
        ReconcileRoutes reconcileRoutes = new ReconcileRoutes(reconciler.map(ReconcileRuns::new), clock);
        ScribeAdminRoutes scribeAdmin = new ScribeAdminRoutes(db, cipher, clock);
        WorkerPool workers = WorkerPool.builder(queue, Jobs.QUEUE)
                .handlers(handlers)
                .concurrency(config.workers())
                .throttle(pressure)
                .start();
        RetentionSweep retention = new RetentionSweep(
                        "webhook log retention",
                        db,
                        config.logRetention(),
                        clock,
                        1000,
                        WebhookLog::deleteReceivedBefore)
                .start(Duration.ofMinutes(1), Duration.ofHours(1));
        LOG.info(
                "receiver on POST {} (signature profiles {}, {} secrets, source allow-list {}, trusted proxies {}, Healthie API {})",
                config.webhookPath(),
                config.profiles().stream().map(p -> p.id()).toList(),
                verifiers.secretCount(),
                config.sourceGuard().allowList().describe(),
                config.sourceGuard().resolver().describe(),
                healthie.isEmpty()
                        ? "not configured: fetches will wait and retry"
                        : config.healthieApi()
                                .map(s -> s.endpoint().toString())
                                .orElse("this process's hub (/graphql, with its own API key)"));
        periodic.schedule();
        if (cipher.isPresent()) {
            queue.offer(Jobs.rotateDataKey());
            LOG.info(
                    "scribe: transcripts and notes stored encrypted with data key {} ({} keys configured; "
                            + "values under older keys are re-encrypted in the background); note writer {}",
                    cipher.get().keys().currentId(),
                    cipher.get().keys().ids().size(),
                    scribe.pipeline().writer().name());
        } else {
            LOG.warn("SCRIBEHOOK_DATA_KEY is not set: transcripts are NOT fetched, drafted or stored (transcript jobs "
                    + "wait); set it to comma-separated id:base64key values (32-byte AES keys, first is current)");
        }
        if (verifiers.secretCount() == 0) {
            LOG.warn(
                    "no webhook secret configured: every webhook is refused with 401 until SCRIBEHOOK_WEBHOOK_SECRETS is set "
                            + "or a secret is added (scribehook receiver secrets add)");
        }
        return new Receiver(
                config,
                inbox,
                queue,
                verifiers,
                endpoint,
                admin,
                scribeAdmin,
                reconcileRoutes,
                reconciler,
                search,
                retention,
                workers,
                healthie,
                downloader);
    }

    /** Mounts the webhook endpoint and the admin routes. */
    public void register(RoutesConfig routes) {
        routes.post(config.webhookPath(), endpoint);
        admin.register(routes);
        scribeAdmin.register(routes);
        reconcileRoutes.register(routes);
        scribeSearch.register(routes);
    }

    /** The reconciler, when a Healthie API is configured. */
    public Optional<Reconciler> reconciler() {
        return reconciler;
    }

    /** This instance's search index, when search is on (a data key and an index folder). */
    public Optional<SearchIndexer> search() {
        return search;
    }

    public Inbox inbox() {
        return inbox;
    }

    public JobQueue queue() {
        return queue;
    }

    /** The workers of the receiver's queue. */
    public WorkerPool workers() {
        return workers;
    }

    public RetentionSweep retention() {
        return retention;
    }

    public VerifierSource verifiers() {
        return verifiers;
    }

    @Override
    public void close() {
        retention.close();
        workers.close();
        search.ifPresent(SearchIndexer::close);
        healthie.ifPresent(HealthieClient::close);
        downloader.close();
    }
}
