package io.scribehook.core.http;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * An HTTP error answer. Routes throw it; the server writes it, in one place, as
 * {@code {"error": code, "message": message}} with its status and headers. The code is a stable
 * lower_snake_case word callers may branch on; the message is for humans and names the problem,
 * never a secret, PHI or the request body. It is an answer, not a fault: it carries no stack trace
 * (cheap to throw on a hot refusal path) and the server does not log it.
 */
public final class ApiException extends RuntimeException {
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]*");
    private final int status;
    private final String code;
    private final Map<String, String> headers;

    /**
     * @param status 400 to 599
     * @param code stable lower_snake_case code
     */
    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    private ApiException(int status, String code, String message, Map<String, String> headers) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status " + status + " is not an error status (400 to 599)");
        }
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code '" + code + "' is not lower_snake_case");
        }
        this.status = status;
        this.code = code;
        this.headers = headers;
    }

    /** 400 {@code invalid_request}: a parameter or field the route cannot accept. */
    public static ApiException invalidRequest(String message) {
        return new ApiException(400, "invalid_request", message);
    }

    /** 404 {@code not_found}. */
    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    /** The status's {@linkplain #defaultCode default code}, for errors raised below the routes. */
    public static ApiException forStatus(int status, String message) {
        return new ApiException(status, defaultCode(status), message);
    }

    /**
     * The answer to a request body that could not be read: 408 {@code request_timeout} when the
     * read timed out, else 400 {@code incomplete_body} (it ended before its declared length, its
     * chunked encoding broke, or the client closed the connection).
     */
    public static ApiException bodyNotReceived(IOException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return new ApiException(408, "request_timeout", "the request body did not arrive in time");
            }
        }
        return new ApiException(
                400,
                "incomplete_body",
                "the request body ended before it was complete (shorter than Content-Length, broken chunked encoding or a closed connection)");
    }

    /** This answer with one more response header (for example {@code Retry-After}). */
    public ApiException withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new ApiException(status, code, getMessage(), Map.copyOf(more));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Response headers to send with the error body. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The UTF-8 JSON body {@code {"error": code, "message": message}}. */
    public byte[] body() {
        return ErrorBody.json(code, getMessage());
    }

    /** The code of an error identified only by its status (Jetty's parser errors, Javalin's own). */
    public static String defaultCode(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "auth_required";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 411 -> "length_required";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 417 -> "expectation_failed";
            case 429 -> "too_many_requests";
            case 431 -> "header_too_large";
            case 500 -> "internal_error";
            case 501 -> "not_implemented";
            case 503 -> "service_unavailable";
            case 505 -> "http_version_not_supported";
            default -> "http_" + status;
        };
    }
}
