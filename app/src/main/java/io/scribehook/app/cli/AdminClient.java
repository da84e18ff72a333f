package io.scribehook.app.cli;

import io.scribehook.app.config.AppConfig;
import io.scribehook.app.server.AdminToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Calls a running server's admin API for commands that change state. The token comes from
 * {@code SCRIBEHOOK_ADMIN_TOKEN} or the data dir's token file.
 */
public final class AdminClient {
    private final URI base;
    private final Optional<String> token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public AdminClient(URI base, Optional<String> token) {
        this.base = base;
        this.token = token;
    }

    public static AdminClient forConfig(AppConfig config, String server) {
        URI base = URI.create(server != null ? server : "http://127.0.0.1:" + (config.httpPort() == 0 ? 8080 : config.httpPort()));
        Optional<String> token = config.adminToken().or(() -> AdminToken.read(config.dataDir().resolve(AdminToken.FILE_NAME)));
        return new AdminClient(base, token);
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

    public Answer get(String path) throws Unreachable {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public Answer post(String path, String json) throws Unreachable {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    private Answer send(HttpRequest.Builder b) throws Unreachable {
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
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
