package io.scribehook.app.server;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.scribehook.app.metrics.Metrics;
import io.scribehook.store.Database;
import io.scribehook.store.Readiness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTP server: Javalin on Jetty with virtual threads. Serves {@code /healthz},
 * {@code /readyz}, {@code /metrics}, guards {@code /api/*} with the admin token, mounts the routes
 * the roles contribute, and answers every error, its own and Jetty's, with the JSON error body
 * ({@link ErrorMapping}).
 */
public final class HttpServer implements AutoCloseable {
    /** The largest request body of any route; a larger declared Content-Length is refused by Jetty before any route runs. */
    static final long MAX_REQUEST_BYTES = 16L * 1024 * 1024;

    private static final String STARTED_AT = "scribehook.startedAt";
    private final Javalin javalin;

    private HttpServer(Javalin javalin) {
        this.javalin = javalin;
    }

    /**
     * Starts listening.
     *
     * @param host the address to bind (a literal; {@code 0.0.0.0} for all interfaces)
     * @param adminAuth null when admin authentication is off
     * @param contributions route registrations of the active roles
     */
    public static HttpServer start(
            String host,
            int port,
            Database db,
            Metrics metrics,
            AdminAuth adminAuth,
            List<Consumer<RoutesConfig>> contributions) {
        return start(host, port, TlsConfig.off(), db, metrics, adminAuth, contributions);
    }

    /**
     * Starts listening, with HTTPS instead of HTTP on the one listener when {@code tls} is
     * enabled (HTTP/1.1 over TLS; requests are not refused for naming a host the certificate does
     * not, so a proxy or a health check by address still works).
     */
    public static HttpServer start(
            String host,
            int port,
            TlsConfig tls,
            Database db,
            Metrics metrics,
            AdminAuth adminAuth,
            List<Consumer<RoutesConfig>> contributions) {
        MeterRegistry registry = metrics.registry();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.jetty.modifyServer(server -> server.setHandler(new SizeLimitHandler(MAX_REQUEST_BYTES, -1)));
            config.jetty.host = host;
            config.jetty.port = port;
            tls.material()
                    .ifPresent(m -> config.jetty.addConnector((server, http) -> {
                        http.addCustomizer(new SecureRequestCustomizer(false));
                        SslContextFactory.Server ssl = new SslContextFactory.Server();
                        ssl.setSslContext(m.serverContext());
                        ServerConnector c = new ServerConnector(
                                server,
                                new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                                new HttpConnectionFactory(http));
                        c.setHost(host);
                        c.setPort(port);
                        return c;
                    }));
            RoutesConfig r = config.routes;
            r.before(ctx -> ctx.attribute(STARTED_AT, System.nanoTime()));
            r.after(ctx -> record(registry, ctx));
            if (adminAuth != null) {
                r.before("/api/*", adminAuth);
            }
            r.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
            r.get("/readyz", ctx -> ready(ctx, db));
            r.get(
                    "/metrics",
                    ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                            .result(metrics.scrape()));
            contributions.forEach(c -> c.accept(r));
            ErrorMapping.install(config, registry);
        });
        app.start();
        return new HttpServer(app);
    }

    private static void ready(Context ctx, Database db) {
        Readiness r = db.readiness();
        boolean ok = r.reachable() && r.migrated();
        ctx.status(ok ? 200 : 503)
                .json(Map.of(
                        "status",
                        ok ? "ready" : "not_ready",
                        "database",
                        r.reachable() ? "reachable" : "unreachable",
                        "migrations",
                        r.migrated() ? "applied" : "pending",
                        "detail",
                        r.detail() == null ? "" : r.detail()));
    }

    private static void record(MeterRegistry registry, Context ctx) {
        Long started = ctx.attribute(STARTED_AT);
        if (started == null) {
            return;
        }
        var matched = ctx.endpoints().matchedHttpEndpoint();
        String route = matched == null ? "unmatched" : matched.path;
        Timer.builder("http_server_requests")
                .tag("method", ctx.method().name())
                .tag("route", route)
                .tag("status", Integer.toString(ctx.statusCode()))
                .register(registry)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    /** How long a connection may stay silent, mid-request included (a stalled body is then a 408); Jetty's default is 30 s. */
    void idleTimeout(Duration timeout) {
        for (Connector c : javalin.jettyServer().server().getConnectors()) {
            if (c instanceof AbstractConnector connector) {
                connector.setIdleTimeout(timeout.toMillis());
            }
        }
    }

    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
