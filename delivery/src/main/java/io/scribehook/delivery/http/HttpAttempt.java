package io.scribehook.delivery.http;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/** What one delivery request came to, redirects followed: an answer, or the reason there was none. */
public sealed interface HttpAttempt {
    Duration duration();

    /**
     * The endpoint answered (the last hop's answer when redirected).
     *
     * @param retryAfter the {@code Retry-After} header, raw; null when absent
     * @param body       the first bytes of the response body as UTF-8 (see the client's limit)
     * @param url        the URL that answered
     */
    record Answered(int status, String retryAfter, String body, URI url, Duration duration) implements HttpAttempt {
        public Answered {
            Objects.requireNonNull(url, "url");
        }
    }

    /**
     * No answer.
     *
     * @param error   what went wrong, stable for the attempt log
     * @param message a one-line description without secrets
     */
    record Failed(ErrorClass error, String message, Duration duration) implements HttpAttempt {}

    /** Why an attempt got no answer. */
    enum ErrorClass {
        /** Connect or total timeout. */
        TIMEOUT("timeout"),
        /** Refused, reset, unreachable, unknown host. */
        CONNECTION("connection"),
        /** The target (or a redirect's) resolved only to refused addresses. */
        TARGET_REFUSED("target_refused"),
        /** More redirects than allowed, or a redirect without a usable Location. */
        REDIRECT("redirect"),
        /** TLS handshake or certificate verification failed. */
        TLS("tls"),
        /** Anything else while sending or reading. */
        IO("io");

        private final String code;

        ErrorClass(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
