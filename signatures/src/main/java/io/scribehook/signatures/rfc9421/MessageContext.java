package io.scribehook.signatures.rfc9421;

import io.scribehook.signatures.HttpFields;
import io.scribehook.signatures.HttpMessage;
import io.scribehook.signatures.HttpResponseMessage;
import java.util.Locale;

/**
 * The signature context (RFC 9421 section 1.1): the target message, the related request of a
 * response (for {@code ;req} components), and the scheme to assume for origin-form targets.
 *
 * @param request the request; the target when {@code response} is null, else the related request
 *     (may then be null when no component uses {@code ;req})
 * @param response the response being signed or verified, or null
 * @param defaultScheme the scheme for origin-form request targets ({@code https} by default)
 */
public record MessageContext(HttpMessage request, HttpResponseMessage response, String defaultScheme) {
    public MessageContext {
        if (request == null && response == null) {
            throw new IllegalArgumentException("a context needs a request or a response");
        }
        defaultScheme = defaultScheme == null ? "https" : defaultScheme.toLowerCase(Locale.ROOT);
    }

    /** A request is the target message. */
    public static MessageContext of(HttpMessage request) {
        return new MessageContext(request, null, "https");
    }

    /** A response is the target message; {@code request} is the request it answers (may be null). */
    public static MessageContext of(HttpResponseMessage response, HttpMessage request) {
        return new MessageContext(request, response, "https");
    }

    public MessageContext withDefaultScheme(String scheme) {
        return new MessageContext(request, response, scheme);
    }

    public boolean isResponse() {
        return response != null;
    }

    /** The header fields of the target message. */
    public HttpFields targetHeaders() {
        return response != null ? response.headers() : request.headers();
    }

    /** The body of the target message. */
    public byte[] targetBody() {
        return response != null ? response.body() : request.body();
    }
}
