package io.scribehook.app.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.scribehook.core.http.ApiException;
import io.scribehook.core.http.JsonBody;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every HTTP error of the server takes one path: routes throw {@link ApiException}, and this class
 * writes it, so each error body is {@code {"error","message"}} from {@link ApiException#body()}.
 * <ul>
 *   <li>A request body Jetty cannot deliver to a handler (ended early, broken chunking, client gone,
 *       read timed out) is caught around every handler and answered {@code 400 incomplete_body} or
 *       {@code 408 request_timeout}: counted in {@code scribehook_http_body_failures_total{route,reason}}
 *       and logged on one INFO line without stack trace. Javalin would otherwise answer these with an
 *       empty body or as an internal error.</li>
 *   <li>Javalin's and Jetty's refusals inside a route (no route, 405, Javalin's body size limit, a
 *       query string Jetty cannot parse) keep their status with the status's default code; Jackson read failures escaping a route become {@code 400 malformed_json}
 *       without Jackson's message, which quotes the body.</li>
 *   <li>Anything else is {@code 500 internal_error} with a reference id, logged once with its stack trace.</li>
 *   <li>Errors Jetty answers itself go through {@link JsonErrorHandler}.</li>
 * </ul>
 */
final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);
    private final MeterRegistry registry;

    private ErrorMapping(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Installs the handler wrapper, the exception handlers and Jetty's error handler on {@code config}. */
    static void install(JavalinConfig config, MeterRegistry registry) {
        ErrorMapping m = new ErrorMapping(registry);
        config.router.handlerWrapper(m::guard);
        config.routes.exception(ApiException.class, (e, ctx) -> write(ctx, e));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromJavalin(e, ctx)));
        config.routes.exception(Exception.class, (e, ctx) -> write(ctx, unhandled(e, ctx)));
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
    }

    /** The challenge of a 401 whose route names none (RFC 9110 requires one on every 401). */
    static final String BEARER_CHALLENGE = "Bearer realm=\"scribehook\"";

    /**
     * Writes an error answer: status, its headers, and the JSON body; a 401 without a {@code
     * WWW-Authenticate} header gets {@link #BEARER_CHALLENGE}.
     */
    static void write(Context ctx, ApiException e) {
        e.headers().forEach(ctx::header);
        if (e.status() == 401 && e.headers().keySet().stream().noneMatch("WWW-Authenticate"::equalsIgnoreCase)) {
            ctx.header("WWW-Authenticate", BEARER_CHALLENGE);
        }
        ctx.status(e.status()).contentType("application/json").result(e.body());
    }

    private Handler guard(Endpoint endpoint) {
        return ctx -> {
            try {
                endpoint.handler.handle(ctx);
            } catch (Exception e) {
                ApiException answer = bodyFailure(e);
                if (answer == null) {
                    throw e;
                }
                counter(endpoint.path, answer.code()).increment();
                LOG.info(
                        "request body failed on {} {}: {} {} ({})",
                        ctx.method(),
                        endpoint.path,
                        answer.status(),
                        answer.code(),
                        e.getClass().getSimpleName());
                throw answer;
            }
        };
    }

    /**
     * The answer to a failure of Jetty reading the request body (end of stream too early, a read
     * timeout, or a refusal of Jetty's such as the size limit on a chunked body), or null when
     * {@code e} is something else.
     */
    static ApiException bodyFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EofException eof) {
                return ApiException.bodyNotReceived(eof);
            }
            if (t instanceof IOException io && io.getCause() instanceof TimeoutException) {
                return ApiException.bodyNotReceived(io);
            }
            if (t instanceof HttpException http && e instanceof IOException) {
                return ApiException.forStatus(
                        http.getCode(), JsonErrorHandler.message(http.getCode(), http.getReason()));
            }
        }
        return null;
    }

    private Counter counter(String route, String reason) {
        return Counter.builder("scribehook_http_body_failures")
                .tag("route", route)
                .tag("reason", reason)
                .description("requests whose body could not be read, by route and answered code")
                .register(registry);
    }

    private static ApiException fromJavalin(HttpResponseException e, Context ctx) {
        int status = e.getStatus() < 400 || e.getStatus() > 599 ? 500 : e.getStatus();
        String message = status == 404
                ? "no route for " + ctx.method() + " " + ctx.path()
                : e.getMessage() == null || e.getMessage().isBlank() ? "request refused" : e.getMessage();
        return ApiException.forStatus(status, message);
    }

    private static ApiException unhandled(Exception e, Context ctx) {
        if (e instanceof StreamReadException || e instanceof MismatchedInputException) {
            return JsonBody.malformed((JsonProcessingException) e);
        }
        if (e instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
            return ApiException.forStatus(http.getCode(), JsonErrorHandler.message(http.getCode(), http.getReason()));
        }
        String id = UUID.randomUUID().toString();
        LOG.error(
                "unhandled error {} on {} {}", id, ctx.method(), ctx.endpoint() == null ? "?" : ctx.endpoint().path, e);
        return new ApiException(500, "internal_error", "internal error; reference " + id + " in the server log");
    }
}
