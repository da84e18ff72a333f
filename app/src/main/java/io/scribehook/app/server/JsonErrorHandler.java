package io.scribehook.app.server;

import io.scribehook.core.http.ApiException;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's error page, for errors Jetty answers itself before or outside Javalin's handlers: a
 * request line or header it cannot parse (400, 505), a URI or headers over its limits (414, 431),
 * and any other status it raises. Writes the same {@link ApiException} body as the routes, with the
 * status's {@linkplain ApiException#defaultCode default code}; Jetty's short reason (never request
 * content beyond a single character) is kept in the message.
 */
final class JsonErrorHandler implements Request.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);
    private static final int MAX_DETAIL = 120;

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String detail = (String) request.getAttribute(ErrorHandler.ERROR_MESSAGE);
        Throwable cause = (Throwable) request.getAttribute(ErrorHandler.ERROR_EXCEPTION);
        if (cause instanceof HttpException http) {
            status = http.getCode();
            response.setStatus(status);
        }
        if (status < 400 || status > 599) {
            status = 500;
            response.setStatus(status);
        }
        response.getHeaders().put(ErrorHandler.ERROR_CACHE_CONTROL);
        if (HttpStatus.hasNoBody(status) || HttpMethod.HEAD.is(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        ApiException answer = status >= 500 && !(cause instanceof HttpException)
                ? internal(status, cause, request)
                : ApiException.forStatus(status, message(status, detail));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
        return true;
    }

    private static ApiException internal(int status, Throwable cause, Request request) {
        String id = UUID.randomUUID().toString();
        if (cause == null || cause instanceof EofException) {
            LOG.debug(
                    "{} {} on {} {} (connection closed)",
                    status,
                    id,
                    request.getMethod(),
                    request.getHttpURI().getPath());
        } else {
            LOG.error(
                    "server error {} on {} {}",
                    id,
                    request.getMethod(),
                    request.getHttpURI().getPath(),
                    cause);
        }
        return ApiException.forStatus(status, "server error; reference " + id + " in the server log");
    }

    static String message(int status, String detail) {
        String text = switch (status) {
            case 400 -> "the request is not valid HTTP";
            case 408 -> "the request did not arrive in time";
            case 413 -> "the request body is too large";
            case 414 -> "the request URI is too long";
            case 431 -> "the request headers are too large";
            case 505 -> "the HTTP version is not supported; send HTTP/1.1";
            default -> HttpStatus.getMessage(status);
        };
        String clean = clean(detail);
        if (clean.isEmpty() || clean.equalsIgnoreCase(HttpStatus.getMessage(status))) {
            return text;
        }
        return text + " (" + clean + ")";
    }

    private static String clean(String detail) {
        if (detail == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(detail.length(), MAX_DETAIL));
        for (int i = 0; i < detail.length() && b.length() < MAX_DETAIL; i++) {
            char c = detail.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return b.toString().trim();
    }
}
