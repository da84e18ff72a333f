package io.scribehook.app.cli;

import io.scribehook.app.ScribehookApp;
import io.scribehook.app.config.AppConfig;
import io.scribehook.app.server.AdminToken;
import io.scribehook.app.server.TlsConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Calls a running server's admin API for commands that change state. The token comes from
 * {@code SCRIBEHOOK_ADMIN_TOKEN} or the data dir's token file. With TLS configured it calls
 * {@code https://} and trusts the configured certificate (which may be self-signed); the
 * certificate must still name the host called (127.0.0.1 by default), or give {@code --server}.
 */
public final class AdminClient {
    private final URI base;
    private final Optional<String> token;
    private final HttpClient http;

    public AdminClient(URI base, Optional<String> token) {
        this(base, token, null);
    }

    /** @param tls a context trusting the server's certificate, or null for the JDK's default trust */
    public AdminClient(URI base, Optional<String> token, SSLContext tls) {
        this.base = base;
        this.token = token;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3));
        if (tls != null) {
            b.sslContext(tls);
        }
        this.http = b.build();
    }

    /**
     * A client for {@code server}, or by default for the configured listen address (the loopback
     * address when the server listens on every interface).
     */
    public static AdminClient forConfig(AppConfig config, String server) {
        if (server != null) {
            requireHttpUrl(server);
        }
        String host = config.listensOnAllInterfaces() ? "127.0.0.1" : config.httpHost();
        TlsConfig tls = TlsConfig.from(config.source());
        URI base = URI.create(
                server != null
                        ? server
                        : (tls.enabled() ? "https://" : "http://")
                                + ScribehookApp.authority(host, config.httpPort() == 0 ? 8080 : config.httpPort()));
        Optional<String> token =
                config.adminToken().or(() -> AdminToken.read(config.dataDir().resolve(AdminToken.FILE_NAME)));
        return new AdminClient(
                base,
                token,
                tls.material().map(TlsConfig.Material::trustingContext).orElse(null));
    }

    private static void requireHttpUrl(String server) {
        URI u;
        try {
            u = new URI(server);
        } catch (java.net.URISyntaxException e) {
            u = null;
        }
        if (u == null
                || u.getHost() == null
                || !("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))) {
            throw CliFailure.usage(
                    "--server '" + server + "' is not an http(s) URL with a host, e.g. http://127.0.0.1:8080");
        }
    }

    /** No server answered at the address. */
    public static final class Unreachable extends Exception {
        Unreachable(URI base) {
            super("no Scribehook server answers at " + base);
        }
    }

    /** One answer of the admin API. */
    public record Answer(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** Whether anything answers HTTP at the base address ({@code GET /healthz}, no token needed). */
    public boolean answers() {
        try {
            send(HttpRequest.newBuilder(base.resolve("/healthz")).GET());
            return true;
        } catch (Unreachable e) {
            return false;
        }
    }

    public Answer get(String path) throws Unreachable {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public Answer post(String path, String json) throws Unreachable {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer delete(String path) throws Unreachable {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    private Answer send(HttpRequest.Builder b) throws Unreachable {
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        try {
            HttpResponse<String> r =
                    http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new Unreachable(base);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable(base);
        }
    }

    public URI base() {
        return base;
    }
}
