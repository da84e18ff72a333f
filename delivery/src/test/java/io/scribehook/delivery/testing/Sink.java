package io.scribehook.delivery.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** A webhook receiver for tests: a real HTTP server on port 0 that records requests and answers as told. */
public final class Sink implements AutoCloseable {
    /** A received request; header names lower-case. */
    public record Received(String method, String target, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : String.join(", ", v);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What to answer. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public static Answer of(int status) {
            return new Answer(status, Map.of(), "");
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Function<Received, Answer>> responder = new AtomicReference<>(r -> Answer.of(200));
    private final AtomicInteger inFlight = new AtomicInteger();

    private final String scheme;

    private Sink(String host, javax.net.ssl.SSLContext tls) {
        try {
            if (tls == null) {
                server = HttpServer.create(new InetSocketAddress(host, 0), 512);
            } else {
                com.sun.net.httpserver.HttpsServer https =
                        com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress(host, 0), 512);
                https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
                server = https;
            }
            scheme = tls == null ? "http" : "https";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** Listening on 127.0.0.1. */
    public static Sink start() {
        return new Sink("127.0.0.1", null);
    }

    /** HTTPS on 127.0.0.1 with the given server context. */
    public static Sink startHttps(javax.net.ssl.SSLContext tls) {
        return new Sink("127.0.0.1", tls);
    }

    /** Listening on every interface (so any 127.x address reaches it). */
    public static Sink startOnAllInterfaces() {
        return new Sink("0.0.0.0", null);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI url(String path) {
        return URI.create(scheme + "://127.0.0.1:" + port() + path);
    }

    public Sink answer(Function<Received, Answer> f) {
        responder.set(f);
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Requests being answered now (a hanging responder holds them). */
    public int inFlight() {
        return inFlight.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        inFlight.incrementAndGet();
        try (ex) {
            Map<String, List<String>> headers = new TreeMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            Received r = new Received(
                    ex.getRequestMethod(),
                    ex.getRequestURI().toString(),
                    headers,
                    ex.getRequestBody().readAllBytes());
            received.add(r);
            Answer a = responder.get().apply(r);
            a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                ex.getResponseBody().write(body);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
