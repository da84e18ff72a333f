package io.scribehook.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.Counter;
import io.scribehook.app.RawHttp;
import io.scribehook.app.metrics.Metrics;
import io.scribehook.core.http.ApiException;
import io.scribehook.store.Database;
import io.scribehook.store.testing.LogCapture;
import io.scribehook.store.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error of the server, from Jetty's parser to a route that throws, is the one JSON body; over real sockets. */
class HttpServerErrorsTest {
    private static final String CANARY = "s3cr3t-CANARY-8c1f";
    private static Database db;
    private static Metrics metrics;
    private static HttpServer server;

    @BeforeAll
    static void start() {
        db = TestDatabases.sqlite();
        metrics = new Metrics();
        server = start(metrics);
    }

    private static HttpServer start(Metrics m) {
        Consumer<RoutesConfig> routes = r -> {
            r.post("/echo", ctx -> ctx.result(Integer.toString(ctx.bodyAsBytes().length)));
            r.post("/map", ctx -> ctx.json(ctx.bodyAsClass(Map.class).size()));
            r.get("/boom", ctx -> {
                throw new IllegalStateException("boom: the disk is on fire");
            });
            r.get("/refuse", ctx -> {
                throw new ApiException(409, "already_there", "it is \"already\" there\n")
                        .withHeader("Retry-After", "7");
            });
        };
        return HttpServer.start("127.0.0.1", 0, db, m, null, List.of(routes));
    }

    @AfterAll
    static void stop() {
        server.close();
        metrics.close();
        db.close();
    }

    static Stream<Arguments> jettyErrors() {
        return Stream.of(
                Arguments.of("no request line", "GARBAGE\r\n\r\n", 400, "bad_request"),
                Arguments.of(
                        "header without colon",
                        "GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
                        400,
                        "bad_request"),
                Arguments.of("no Host", "GET /healthz HTTP/1.1\r\n\r\n", 400, "bad_request"),
                Arguments.of("bad URI escape", "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400, "bad_request"),
                Arguments.of(
                        "bad Content-Length",
                        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
                        400,
                        "bad_request"),
                Arguments.of(
                        "two Content-Lengths",
                        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
                        400,
                        "bad_request"),
                Arguments.of("HTTP/9.9", "GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n", 505, "http_version_not_supported"),
                Arguments.of(
                        "20 kB header",
                        "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n",
                        431,
                        "header_too_large"),
                Arguments.of(
                        "20 kB URI",
                        "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                        414,
                        "uri_too_long"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jettyErrors")
    void jettyRefusalsAreTheJsonErrorBody(String what, String request, int status, String code) {
        try (LogCapture log = LogCapture.open()) {
            RawHttp.Reply r = RawHttp.exchange(server.port(), request);
            assertThat(r.status()).as(r.body()).isEqualTo(status);
            assertErrorBody(r, code);
            assertThat(log.any(Level.WARN)).as(log.text()).isFalse();
        }
    }

    @Test
    void aDeclaredBodyOverTheServerLimitIsRefusedBeforeAnyRoute() {
        String declared = Long.toString(HttpServer.MAX_REQUEST_BYTES + 1);
        for (String path : List.of("/echo", "/healthz", "/nowhere")) {
            RawHttp.Reply r = RawHttp.exchange(
                    server.port(),
                    "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + declared + "\r\n\r\n{}");
            assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(413);
            assertErrorBody(r, "payload_too_large");
        }
    }

    @Test
    void javalinRefusalsAreTheJsonErrorBody() {
        RawHttp.Reply noRoute = RawHttp.exchange(server.port(), "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(assertErrorBody(noRoute, "not_found").get("message").asText())
                .isEqualTo("no route for GET /nowhere");
        RawHttp.Reply wrongMethod = RawHttp.exchange(server.port(), "DELETE /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(wrongMethod.status()).isIn(404, 405);
        assertErrorBody(wrongMethod, wrongMethod.status() == 404 ? "not_found" : "method_not_allowed");
    }

    @Test
    void aThrownApiExceptionIsWrittenWithItsHeadersAndEscaped() {
        RawHttp.Reply r = RawHttp.exchange(server.port(), "GET /refuse HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.header("Retry-After")).isEqualTo("7");
        assertThat(assertErrorBody(r, "already_there").get("message").asText()).isEqualTo("it is \"already\" there\n");
    }

    @Test
    void anUnhandledExceptionIs500WithAReferenceLoggedOnceWithItsStackTrace() {
        try (LogCapture log = LogCapture.open()) {
            RawHttp.Reply r = RawHttp.exchange(server.port(), "GET /boom HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(r.status()).isEqualTo(500);
            String message = assertErrorBody(r, "internal_error").get("message").asText();
            assertThat(r.body()).doesNotContain("fire").doesNotContain("IllegalStateException");
            Matcher id = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                    .matcher(message);
            assertThat(id.find()).as(message).isTrue();

            List<ILoggingEvent> errors = log.atLeast(Level.WARN);
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).getLevel()).isEqualTo(Level.ERROR);
            assertThat(errors.get(0).getFormattedMessage()).contains(id.group()).contains("/boom");
            assertThat(errors.get(0).getThrowableProxy().getClassName())
                    .isEqualTo(IllegalStateException.class.getName());
            assertThat(errors.get(0).getThrowableProxy().getStackTraceElementProxyArray())
                    .isNotEmpty();
        }
    }

    @Test
    void aBodyShorterThanItsContentLengthIs400IncompleteBodyCountedAndLoggedQuietly() {
        double before = bodyFailures(metrics, "/echo", "incomplete_body");
        try (LogCapture log = LogCapture.open()) {
            byte[] request = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"a\":"
                    .getBytes(StandardCharsets.ISO_8859_1);
            RawHttp.Reply r = RawHttp.exchange(server.port(), request, true);
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertErrorBody(r, "incomplete_body");
            assertThat(bodyFailures(metrics, "/echo", "incomplete_body")).isEqualTo(before + 1);
            assertQuietInfoLine(log);
        }
    }

    @Test
    void aBrokenChunkSizeIs400IncompleteBody() {
        double before = bodyFailures(metrics, "/echo", "incomplete_body");
        try (LogCapture log = LogCapture.open()) {
            RawHttp.Reply r = RawHttp.exchange(
                    server.port(),
                    "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n");
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertErrorBody(r, "incomplete_body");
            assertThat(bodyFailures(metrics, "/echo", "incomplete_body")).isEqualTo(before + 1);
            assertQuietInfoLine(log);
        }
    }

    @Test
    void aClientThatHangsUpMidBodyIsCountedWithoutAnError() {
        double before = bodyFailures(metrics, "/echo", "incomplete_body");
        try (LogCapture log = LogCapture.open()) {
            RawHttp.sendAndReset(server.port(), "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"a\":");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> bodyFailures(metrics, "/echo", "incomplete_body") == before + 1);
            assertQuietInfoLine(log);
        }
    }

    @Test
    void aStalledBodyIs408RequestTimeout() {
        try (Metrics own = new Metrics();
                HttpServer impatient = start(own)) {
            impatient.idleTimeout(Duration.ofSeconds(2));
            byte[] request = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"a\":"
                    .getBytes(StandardCharsets.ISO_8859_1);
            RawHttp.Reply r = RawHttp.exchange(impatient.port(), request, false);
            assertThat(r.status()).as(r.body()).isEqualTo(408);
            assertErrorBody(r, "request_timeout");
            assertThat(bodyFailures(own, "/echo", "request_timeout")).isEqualTo(1);
        }
    }

    @Test
    void jacksonErrorsEscapingARouteAre400WithoutTheBody() {
        try (LogCapture log = LogCapture.open()) {
            for (String body :
                    List.of(CANARY, "{\"k\": " + CANARY + "}", "[\"" + CANARY + "\"]", "{\"k\": \"" + CANARY)) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                String head = "POST /map HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                        + bytes.length + "\r\n\r\n";
                RawHttp.Reply r =
                        RawHttp.exchange(server.port(), (head + body).getBytes(StandardCharsets.UTF_8), false);
                assertThat(r.status()).as(body + " -> " + r.body()).isEqualTo(400);
                assertErrorBody(r, "malformed_json");
                assertThat(r.body()).doesNotContain("CANARY");
            }
            assertThat(log.text()).doesNotContain("CANARY");
            assertThat(log.any(Level.ERROR)).isFalse();
        }
    }

    private static void assertQuietInfoLine(LogCapture log) {
        List<ILoggingEvent> lines = log.events().stream()
                .filter(e -> e.getLoggerName().equals(ErrorMapping.class.getName()))
                .toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).getLevel()).isEqualTo(Level.INFO);
        assertThat(lines.get(0).getThrowableProxy()).isNull();
        assertThat(log.any(Level.WARN)).as(log.text()).isFalse();
    }

    static double bodyFailures(Metrics m, String route, String reason) {
        Counter c = m.registry()
                .find("scribehook_http_body_failures")
                .tag("route", route)
                .tag("reason", reason)
                .counter();
        return c == null ? 0 : c.count();
    }

    /** Asserts the CONVENTIONS.md error body: JSON, exactly {@code error} and {@code message}, the code given. */
    static JsonNode assertErrorBody(RawHttp.Reply r, String code) {
        assertThat(r.header("Content-Type")).as(r.body()).startsWith("application/json");
        JsonNode json = r.json();
        assertThat(json.propertyStream().map(Map.Entry::getKey).toList()).containsExactly("error", "message");
        assertThat(json.get("error").asText()).isEqualTo(code);
        assertThat(json.get("message").asText()).isNotBlank();
        return json;
    }
}
