package io.scribehook.app.server;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.scribehook.app.metrics.Metrics;
import io.scribehook.store.Database;
import io.scribehook.store.Readiness;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Javalin on Jetty with virtual threads. Serves {@code /healthz},
 * {@code /readyz}, {@code /metrics}, guards {@code /api/*} with the admin token, maps every
 * uncaught error to the JSON error body, and mounts the routes the roles contribute.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
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
    public static HttpServer start(String host, int port, Database db, Metrics metrics, AdminAuth adminAuth,
                                   List<Consumer<RoutesConfig>> contributions) {
        MeterRegistry registry = metrics.registry();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = 16L * 1024 * 1024;
            config.jetty.host = host;
            config.jetty.port = port;
            RoutesConfig r = config.routes;
            r.before(ctx -> ctx.attribute(STARTED_AT, System.nanoTime()));
            r.after(ctx -> record(registry, ctx));
            if (adminAuth != null) {
                r.before("/api/*", adminAuth);
            }
            r.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
            r.get("/readyz", ctx -> ready(ctx, db));
            r.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
            contributions.forEach(c -> c.accept(r));
            r.exception(HttpResponseException.class, (e, ctx) -> ApiError.send(ctx, e.getStatus(), code(e.getStatus()),
                    e.getStatus() == 404 ? "no route for " + ctx.method() + " " + ctx.path() : e.getMessage() == null ? "request refused" : e.getMessage()));
            r.exception(Exception.class, (e, ctx) -> {
                String id = UUID.randomUUID().toString();
                LOG.error("unhandled error {} on {} {}", id, ctx.method(), ctx.endpoint() == null ? "?" : ctx.endpoint().path, e);
                ApiError.send(ctx, 500, "internal_error", "internal error; reference " + id + " in the server log");
            });
        });
        app.start();
        return new HttpServer(app);
    }

    private static void ready(Context ctx, Database db) {
        Readiness r = db.readiness();
        boolean ok = r.reachable() && r.migrated();
        ctx.status(ok ? 200 : 503).json(Map.of("status", ok ? "ready" : "not_ready",
                "database", r.reachable() ? "reachable" : "unreachable",
                "migrations", r.migrated() ? "applied" : "pending",
                "detail", r.detail() == null ? "" : r.detail()));
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

    private static String code(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> "http_" + status;
        };
    }

    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
