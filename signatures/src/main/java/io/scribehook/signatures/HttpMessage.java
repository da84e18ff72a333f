package io.scribehook.signatures;

import java.util.Arrays;
import java.util.Objects;

/**
 * An HTTP request as received or as about to be sent. {@code targetUri} is either absolute ({@code
 * https://host/path?query}) or origin-form ({@code /path?query}); for origin-form the authority comes
 * from the Host header and the scheme is {@code https} unless a verifier is told otherwise. The body
 * is the raw bytes on the wire (never parsed JSON).
 */
public record HttpMessage(String method, String targetUri, HttpFields headers, byte[] body) {
    private static final byte[] NO_BODY = new byte[0];

    public HttpMessage {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(targetUri, "targetUri");
        headers = headers == null ? HttpFields.empty() : headers;
        body = body == null ? NO_BODY : body;
    }

    /** The same request with another target (e.g. the public path a proxy rewrote). */
    public HttpMessage withTargetUri(String newTarget) {
        return new HttpMessage(method, newTarget, headers, body);
    }

    /** The same request with other headers. */
    public HttpMessage withHeaders(HttpFields newHeaders) {
        return new HttpMessage(method, targetUri, newHeaders, body);
    }

    /** The same request with another body. */
    public HttpMessage withBody(byte[] newBody) {
        return new HttpMessage(method, targetUri, headers, newBody);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpMessage m
                && method.equals(m.method)
                && targetUri.equals(m.targetUri)
                && headers.equals(m.headers)
                && Arrays.equals(body, m.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, targetUri, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "HttpMessage[" + method + " " + targetUri + ", " + headers + ", body=" + body.length + " bytes]";
    }
}
