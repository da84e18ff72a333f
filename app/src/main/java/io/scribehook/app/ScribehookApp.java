package io.scribehook.app;

import io.javalin.config.RoutesConfig;
import io.scribehook.app.config.AppConfig;
import io.scribehook.app.config.Role;
import io.scribehook.app.metrics.Metrics;
import io.scribehook.app.metrics.StoreMetrics;
import io.scribehook.app.server.AdminAuth;
import io.scribehook.app.server.AdminToken;
import io.scribehook.app.server.HttpServer;
import io.scribehook.app.server.ListenFailure;
import io.scribehook.delivery.DeliveryConfig;
import io.scribehook.delivery.DeliveryEngine;
import io.scribehook.delivery.DeliverySettings;
import io.scribehook.delivery.Outbox;
import io.scribehook.hub.Hub;
import io.scribehook.hub.HubSettings;
import io.scribehook.hub.webhooks.WebhookApi;
import io.scribehook.receiver.Receiver;
import io.scribehook.receiver.config.ReceiverConfig;
import io.scribehook.store.Database;
import io.scribehook.store.DatabaseSettings;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.JobRetention;
import io.scribehook.store.queue.QueueSettings;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Scribehook process: database, metrics, the active roles and the HTTP server.
 * {@code scribehook serve} runs one; end-to-end tests start one in-process on port 0.
 */
public final class ScribehookApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScribehookApp.class);
    private static final int JOB_RETENTION_BATCH = 1000;
    /** The receiver's search index, inside the data dir (derived PHI, see the README). */
    public static final String SEARCH_INDEX_FOLDER = "index";

    private static final Duration JOB_RETENTION_EVERY = Duration.ofMinutes(10);
    private final AppConfig config;
    private final Database database;
    private final Metrics metrics;
    private final HttpServer server;
    private final Optional<Receiver> receiver;
    private final DeliveryEngine delivery;
    private final Optional<Hub> hub;
    private final Deque<AutoCloseable> closeables;

    private ScribehookApp(
            AppConfig config,
            Database database,
            Metrics metrics,
            HttpServer server,
            Optional<Receiver> receiver,
            DeliveryEngine delivery,
            Optional<Hub> hub,
            Deque<AutoCloseable> closeables) {
        this.config = config;
        this.receiver = receiver;
        this.delivery = delivery;
        this.hub = hub;
        this.database = database;
        this.metrics = metrics;
        this.server = server;
        this.closeables = closeables;
    }

    /**
     * Checks the whole configuration and that the port is free, then opens the database (applying
     * migrations), starts the roles' workers and the HTTP server. Nothing is created (data dir,
     * database, admin token) for a start that fails on configuration or on a port in use.
     *
     * @param out where the one-time admin token announcement goes (stdout, never the logger)
     * @throws io.scribehook.core.config.ConfigException when a setting is invalid
     * @throws ListenFailure when the port cannot be bound
     */
    public static ScribehookApp start(AppConfig config, Clock clock, PrintStream out) {
        Optional<ReceiverConfig> receiverConfig = config.has(Role.RECEIVER)
                ? Optional.of(ReceiverConfig.from(config.source(), Optional.empty()))
                : Optional.empty();
        Optional<HubSettings> hubSettings =
                config.has(Role.HUB) ? Optional.of(HubSettings.from(config.source())) : Optional.empty();
        DatabaseSettings dbSettings = DatabaseSettings.of(config.databaseUrl());
        QueueSettings queue = QueueSettings.defaults().withPollInterval(config.jobPollInterval());
        DeliverySettings deliverySettings = DeliveryConfig.from(config.source());
        ListenFailure.probe(config.httpHost(), config.httpPort());

        Deque<AutoCloseable> closeables = new ArrayDeque<>();
        Metrics metrics = new Metrics();
        closeables.push(metrics);
        Database db = null;
        try {
            db = Database.open(dbSettings);
            closeables.push(db);
            StoreMetrics.bind(metrics.registry(), db);
            closeables.push(new JobRetention(db, config.jobRetention(), clock, JOB_RETENTION_BATCH)
                    .start(Duration.ofMinutes(1), JOB_RETENTION_EVERY));
            // delivery workers run in every process with a database, whatever its roles
            DeliveryEngine delivery = DeliveryEngine.builder(new JobQueue(db, queue, clock))
                    .settings(deliverySettings)
                    .meters(metrics.registry())
                    .build()
                    .start();
            closeables.push(delivery);
            StoreMetrics.bindQueue(metrics.registry(), delivery.pool());
            AdminAuth auth = null;
            if (config.adminAuth()) {
                AdminToken token = AdminToken.resolve(config.adminToken(), config.dataDir());
                if (token.generated()) {
                    out.println("Admin token (saved to " + config.dataDir().resolve(AdminToken.FILE_NAME)
                            + ", shown only now): " + token.reveal());
                    out.flush();
                }
                auth = new AdminAuth(token);
            } else {
                LOG.warn(
                        "admin authentication is OFF (SCRIBEHOOK_ADMIN_AUTH=off): anyone who can reach this port can use /api/*");
            }
            List<Consumer<RoutesConfig>> routes = new ArrayList<>();
            Optional<Receiver> receiver = Optional.empty();
            if (receiverConfig.isPresent()) {
                Receiver r = Receiver.start(
                        receiverConfig.get(),
                        db,
                        queue,
                        metrics.registry(),
                        clock,
                        ScribeWiring.offline(delivery.outbox())
                                .withSearchIndex(config.dataDir().resolve(SEARCH_INDEX_FOLDER)));
                closeables.push(r);
                StoreMetrics.bindQueue(metrics.registry(), r.workers());
                routes.add(r::register);
                receiver = Optional.of(r);
            }
            Optional<Hub> hub = Optional.empty();
            if (hubSettings.isPresent()) {
                // the hub's events commit with its changes and fan out through the delivery outbox
                Outbox outbox = delivery.outbox();
                Hub h = Hub.start(
                        hubSettings.get(), db, queue, outbox::enqueue, clock, List.of(new WebhookApi(delivery, clock)));
                closeables.push(h);
                StoreMetrics.bindQueue(metrics.registry(), h.workers());
                routes.add(h::register);
                hub = Optional.of(h);
            }
            HttpServer server;
            try {
                server = HttpServer.start(config.httpHost(), config.httpPort(), db, metrics, auth, routes);
            } catch (RuntimeException e) {
                throw ListenFailure.causeOf(e, config.httpHost(), config.httpPort())
                        .orElseThrow(() -> e);
            }
            closeables.push(server);
            LOG.info(
                    "scribehook listening on {} (roles: {}, database: {})",
                    authority(config.httpHost(), server.port()),
                    config.roles().stream().map(Role::id).sorted().collect(Collectors.joining(",")),
                    db.dialect().name().toLowerCase(java.util.Locale.ROOT));
            return new ScribehookApp(config, db, metrics, server, receiver, delivery, hub, closeables);
        } catch (RuntimeException e) {
            closeAll(closeables);
            throw e;
        }
    }

    /** {@code host:port}, with brackets around an IPv6 literal. */
    public static String authority(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The address the HTTP server listens on (a literal; {@code 0.0.0.0} means every interface). */
    public String host() {
        return config.httpHost();
    }

    public int port() {
        return server.port();
    }

    public AppConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    /** The receiver role, when it is on. */
    public Optional<Receiver> receiver() {
        return receiver;
    }

    /** The hub role, when it is on. */
    public Optional<Hub> hub() {
        return hub;
    }

    public Metrics metrics() {
        return metrics;
    }

    /** The delivery engine: registry, outbox and workers (running in every process). */
    public DeliveryEngine delivery() {
        return delivery;
    }

    @Override
    public void close() {
        closeAll(closeables);
    }

    private static void closeAll(Deque<AutoCloseable> closeables) {
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception e) {
                LOG.warn("error while shutting down {}", e.getClass().getSimpleName());
            }
        }
    }
}
