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
import io.scribehook.app.server.NotifyRoutes;
import io.scribehook.app.server.TlsConfig;
import io.scribehook.core.config.ConfigKey;
import io.scribehook.core.event.BodyShape;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.delivery.DeliveryConfig;
import io.scribehook.delivery.DeliveryEngine;
import io.scribehook.delivery.DeliverySettings;
import io.scribehook.delivery.Outbox;
import io.scribehook.hub.Hub;
import io.scribehook.hub.HubSettings;
import io.scribehook.hub.http.RedeliveryRoutes;
import io.scribehook.hub.keys.HubKeys;
import io.scribehook.hub.webhooks.WebhookApi;
import io.scribehook.receiver.Receiver;
import io.scribehook.receiver.config.ReceiverConfig;
import io.scribehook.receiver.healthie.ExpectedRegistration;
import io.scribehook.receiver.healthie.HealthieApiSettings;
import io.scribehook.receiver.healthie.HealthieClient;
import io.scribehook.receiver.healthie.RegistrationWatch;
import io.scribehook.store.Database;
import io.scribehook.store.DatabaseSettings;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.JobRetention;
import io.scribehook.store.queue.QueueSettings;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
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
        TlsConfig tls = TlsConfig.from(config.source());
        Optional<Duration> watchEvery =
                receiverConfig.isPresent() ? RegistrationWatch.interval(config.source()) : Optional.empty();
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
            Optional<Hub> hub = Optional.empty();
            if (hubSettings.isPresent()) {
                // the hub's events commit with its changes and fan out through the delivery outbox
                Outbox outbox = delivery.outbox();
                Hub h = Hub.start(
                        hubSettings.get(), db, queue, outbox::enqueue, clock, List.of(new WebhookApi(delivery, clock)));
                closeables.push(h);
                StoreMetrics.bindQueue(metrics.registry(), h.workers());
                routes.add(h::register);
                routes.add(new RedeliveryRoutes(delivery.redelivery(), clock)::register);
                hub = Optional.of(h);
            }
            AtomicReference<URI> localGraphql = new AtomicReference<>();
            Optional<Receiver> receiver = Optional.empty();
            if (receiverConfig.isPresent()) {
                Optional<HealthieClient> healthie =
                        receiverConfig.get().healthieApi().isEmpty() && hub.isPresent()
                                ? localClient(config, hub.get(), db, clock, metrics, localGraphql)
                                : receiverConfig
                                        .get()
                                        .healthieApi()
                                        .map(s -> new HealthieClient(s, clock, metrics.registry()));
                Receiver r = Receiver.start(
                        receiverConfig.get(),
                        db,
                        queue,
                        metrics.registry(),
                        clock,
                        ScribeWiring.offline(delivery.outbox())
                                .withSearchIndex(config.dataDir().resolve(SEARCH_INDEX_FOLDER)),
                        healthie);
                closeables.push(r);
                StoreMetrics.bindQueue(metrics.registry(), r.workers());
                routes.add(r::register);
                // subscribers of the receiver's own events, registered without the hub's GraphQL API
                routes.add(new NotifyRoutes(delivery.registry())::register);
                receiver = Optional.of(r);
                watchRegistrations(receiverConfig.get(), watchEvery, delivery.outbox(), metrics, clock)
                        .ifPresent(closeables::push);
            }
            HttpServer server;
            try {
                server = HttpServer.start(config.httpHost(), config.httpPort(), tls, db, metrics, auth, routes);
            } catch (RuntimeException e) {
                throw ListenFailure.causeOf(e, config.httpHost(), config.httpPort())
                        .orElseThrow(() -> e);
            }
            closeables.push(server);
            localGraphql.set(URI.create("http://" + authority(connectHost(config), server.port()) + Hub.GRAPHQL_PATH));
            LOG.info(
                    "scribehook listening on {} (roles: {}, database: {})",
                    authority(config.httpHost(), server.port()),
                    config.roles().stream().map(Role::id).sorted().collect(Collectors.joining(",")),
                    db.dialect().name().toLowerCase(java.util.Locale.ROOT));
            tls.material()
                    .ifPresent(m -> LOG.info(
                            "TLS on: the listener serves HTTPS only, certificate {} (valid until {})",
                            m.chain().get(0).getSubjectX500Principal().getName(),
                            m.chain().get(0).getNotAfter().toInstant()));
            return new ScribehookApp(config, db, metrics, server, receiver, delivery, hub, closeables);
        } catch (RuntimeException e) {
            closeAll(closeables);
            throw e;
        }
    }

    /**
     * Both roles and no {@code SCRIBEHOOK_HEALTHIE_API_URL}: the receiver fetches from this hub's own
     * {@code /graphql} over HTTP, with an API key the hub keeps for it (never printed or logged), at
     * the port actually bound (known once the server listens; until then fetches wait).
     */
    private static Optional<HealthieClient> localClient(
            AppConfig config, Hub hub, Database db, Clock clock, Metrics metrics, AtomicReference<URI> endpoint) {
        Optional<String> key =
                hub.apiKeys().local("local receiver", HubKeys.getOrCreate(db, HubKeys.LOCAL_RECEIVER_KEY, clock));
        if (key.isEmpty()) {
            LOG.warn("the local receiver's API key was revoked: the receiver cannot fetch from this hub; set "
                    + "SCRIBEHOOK_HEALTHIE_API_URL and SCRIBEHOOK_HEALTHIE_API_KEY");
        }
        HealthieApiSettings settings = HealthieApiSettings.of(
                        URI.create("http://127.0.0.1" + Hub.GRAPHQL_PATH), key.orElse(""))
                .withApiVersion(config.source()
                        .string(ConfigKey.HEALTHIE_API_VERSION, HealthieApiSettings.DEFAULT_API_VERSION));
        return Optional.of(HealthieClient.ofLocal(settings, endpoint::get, clock, metrics.registry()));
    }

    /** The address to reach this server from the same machine: loopback when it listens on every interface. */
    public static String connectHost(AppConfig config) {
        if (!config.listensOnAllInterfaces()) {
            return config.httpHost();
        }
        return config.httpHost().contains(":") ? "::1" : "127.0.0.1";
    }

    /**
     * The periodic check of our registrations at the Healthie API, when an API is configured and the
     * interval is not {@code off}; its alarms go out as operator events through the outbox.
     */
    private static Optional<RegistrationWatch> watchRegistrations(
            ReceiverConfig rc, Optional<Duration> every, Outbox outbox, Metrics metrics, Clock clock) {
        if (rc.healthieApi().isEmpty() || every.isEmpty()) {
            return Optional.empty();
        }
        RegistrationWatch watch = new RegistrationWatch(
                new HealthieClient(rc.healthieApi().get(), clock),
                ExpectedRegistration.atPath(rc.publicPath()),
                (type, id) ->
                        outbox.enqueue(ThinEvent.of(type, id, RegistrationWatch.RESOURCE_TYPE, BodyShape.REFERENCE)),
                metrics.registry());
        Duration first = every.get().compareTo(Duration.ofMinutes(1)) < 0 ? every.get() : Duration.ofMinutes(1);
        return Optional.of(watch.start(first, every.get()));
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
