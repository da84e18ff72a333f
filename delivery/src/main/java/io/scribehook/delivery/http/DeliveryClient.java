package io.scribehook.delivery.http;

import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.ProxyAuthenticationProtocolHandler;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Posts webhook bodies: Jetty's HTTP client with connect and total timeouts, certificates verified
 * (against a configured trust store, else the JDK's), addresses checked at connect time by a
 * {@link GuardedResolver}, and redirects followed by hand up to a limit, each hop's URL signed
 * afresh by the caller and its addresses checked again. Thread-safe; one per process.
 */
public final class DeliveryClient implements AutoCloseable {
    /** Signs the request for one URL: the headers to send with the body (Content-Type included). */
    @FunctionalInterface
    public interface Signer {
        Map<String, String> headersFor(URI url);
    }

    /**
     * The client's settings.
     *
     * @param connectTimeout          TCP (and TLS) connect timeout
     * @param totalTimeout            the whole attempt, redirects included
     * @param maxRedirects            redirects followed before the attempt fails
     * @param responseBodyLimit       bytes of the response body kept for the attempt log
     * @param maxConnectionsPerTarget pooled connections per scheme, host and port
     * @param trustStore              trusted certificates; null for the JDK's default
     */
    public record Settings(
            Duration connectTimeout,
            Duration totalTimeout,
            int maxRedirects,
            int responseBodyLimit,
            int maxConnectionsPerTarget,
            KeyStore trustStore) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(5), Duration.ofSeconds(15), 3, 2048, 64, null);
        }

        public Settings withTotalTimeout(Duration d) {
            return new Settings(
                    connectTimeout, d, maxRedirects, responseBodyLimit, maxConnectionsPerTarget, trustStore);
        }

        public Settings withTrustStore(KeyStore ks) {
            return new Settings(
                    connectTimeout, totalTimeout, maxRedirects, responseBodyLimit, maxConnectionsPerTarget, ks);
        }
    }

    private final Settings settings;
    private final HttpClient http;
    private final java.util.concurrent.ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();

    public DeliveryClient(Settings settings, AddressGuard guard, HostResolver resolver) {
        this.settings = Objects.requireNonNull(settings, "settings");
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setEndpointIdentificationAlgorithm("HTTPS");
        if (settings.trustStore() != null) {
            tls.setTrustStore(settings.trustStore());
        }
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(tls);
        connector.setConnectTimeout(settings.connectTimeout());
        this.http = new HttpClient(new org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP(connector));
        http.setFollowRedirects(false);
        http.setConnectTimeout(settings.connectTimeout().toMillis());
        http.setMaxConnectionsPerDestination(settings.maxConnectionsPerTarget());
        http.setUserAgentField(new org.eclipse.jetty.http.HttpField(HttpHeader.USER_AGENT, "Scribehook-Webhooks/1"));
        http.setSocketAddressResolver(new GuardedResolver(
                Objects.requireNonNull(resolver, "resolver"), Objects.requireNonNull(guard, "guard"), lookups));
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the delivery HTTP client: " + e.getMessage(), e);
        }
        // We never answer auth challenges; Jetty's handlers (installed by start()) would turn a
        // 401/407 without a WWW-Authenticate/Proxy-Authenticate header into a failed exchange (no
        // status, error "io", retried). Without them a 401 is an answer like any other 4xx.
        http.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
        http.getProtocolHandlers().remove(ProxyAuthenticationProtocolHandler.NAME);
    }

    /** POSTs {@code body} to {@code url}, following redirects by hand; never throws for network trouble. */
    public HttpAttempt post(URI url, byte[] body, Signer signer) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + settings.totalTimeout().toNanos();
        URI target = url;
        for (int hop = 0; ; hop++) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return failed(HttpAttempt.ErrorClass.TIMEOUT, "no answer within " + settings.totalTimeout(), start);
            }
            Map<String, String> headers = signer.headersFor(target);
            String type = headers.getOrDefault("Content-Type", "application/json");
            Request request = http.newRequest(target)
                    .method("POST")
                    .timeout(left, TimeUnit.NANOSECONDS)
                    .body(new BytesRequestContent(type, body))
                    .headers(h -> headers.forEach((k, v) -> {
                        if (!k.equalsIgnoreCase("Content-Type") && !k.equalsIgnoreCase("Content-Length")) {
                            h.put(k, v);
                        }
                    }));
            Capture capture = new Capture(settings.responseBodyLimit());
            request.send(capture);
            Result result;
            try {
                result = capture.done.get();
            } catch (ExecutionException e) {
                return failed(HttpAttempt.ErrorClass.IO, oneLine(e.getCause()), start);
            } catch (InterruptedException e) {
                request.abort(e);
                throw e;
            }
            if (result.isFailed()) {
                return classify(result.getFailure(), start);
            }
            Response r = result.getResponse();
            int status = r.getStatus();
            String location = r.getHeaders().get(HttpHeader.LOCATION);
            if (isRedirect(status) && location != null) {
                if (hop >= settings.maxRedirects()) {
                    return failed(
                            HttpAttempt.ErrorClass.REDIRECT,
                            "more than " + settings.maxRedirects() + " redirects (last status " + status + ")",
                            start);
                }
                URI next;
                try {
                    next = target.resolve(location.strip());
                } catch (IllegalArgumentException e) {
                    return failed(HttpAttempt.ErrorClass.REDIRECT, "redirect to an invalid Location", start);
                }
                String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || next.getHost() == null) {
                    return failed(HttpAttempt.ErrorClass.REDIRECT, "redirect to a non-http(s) URL", start);
                }
                target = next;
                continue;
            }
            return new HttpAttempt.Answered(
                    status,
                    r.getHeaders().get(HttpHeader.RETRY_AFTER),
                    capture.body(),
                    target,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static HttpAttempt classify(Throwable failure, long start) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TargetRefusedException r) {
                return failed(HttpAttempt.ErrorClass.TARGET_REFUSED, r.getMessage(), start);
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return failed(HttpAttempt.ErrorClass.TIMEOUT, oneLine(t), start);
            }
            if (t instanceof SSLException) {
                return failed(HttpAttempt.ErrorClass.TLS, oneLine(t), start);
            }
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof UnresolvedAddressException
                    || t instanceof java.nio.channels.ClosedChannelException
                    || t instanceof java.io.EOFException) {
                return failed(HttpAttempt.ErrorClass.CONNECTION, oneLine(t), start);
            }
        }
        return failed(HttpAttempt.ErrorClass.IO, oneLine(failure), start);
    }

    private static HttpAttempt.Failed failed(HttpAttempt.ErrorClass c, String message, long start) {
        return new HttpAttempt.Failed(c, message, Duration.ofNanos(System.nanoTime() - start));
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage();
        String s = t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        s = s.replace('\n', ' ').replace('\r', ' ');
        return s.length() <= 300 ? s : s.substring(0, 300);
    }

    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            // closing: nothing left to do
        }
        lookups.shutdownNow();
    }

    /** Keeps the first bytes of the body and completes with the exchange's result. */
    private static final class Capture implements Response.Listener {
        final CompletableFuture<Result> done = new CompletableFuture<>();
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int limit;

        Capture(int limit) {
            this.limit = limit;
        }

        @Override
        public void onContent(Response response, ByteBuffer content) {
            int room = limit - kept.size();
            if (room > 0) {
                int n = Math.min(room, content.remaining());
                byte[] b = new byte[n];
                content.get(b);
                kept.write(b, 0, n);
            }
        }

        @Override
        public void onComplete(Result result) {
            done.complete(result);
        }

        String body() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
