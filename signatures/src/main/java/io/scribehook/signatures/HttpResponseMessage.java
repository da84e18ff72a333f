package io.scribehook.signatures;

import java.util.Arrays;
import java.util.Objects;

/** An HTTP response: status, header fields and raw body. Signed with the {@code @status} component. */
public record HttpResponseMessage(int status, HttpFields headers, byte[] body) {
    private static final byte[] NO_BODY = new byte[0];

    public HttpResponseMessage {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must have three digits");
        }
        headers = headers == null ? HttpFields.empty() : headers;
        body = body == null ? NO_BODY : body;
    }

    public HttpResponseMessage withHeaders(HttpFields newHeaders) {
        return new HttpResponseMessage(status, newHeaders, body);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpResponseMessage m
                && status == m.status
                && headers.equals(m.headers)
                && Arrays.equals(body, m.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "HttpResponseMessage[" + status + ", " + headers + ", body=" + body.length + " bytes]";
    }
}
