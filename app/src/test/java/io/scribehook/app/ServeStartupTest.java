package io.scribehook.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scribehook.app.server.ListenFailure;
import io.scribehook.core.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code serve} does before anything is created: configuration and the port. */
class ServeStartupTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private ScribehookApp start(Path dataDir, Map<String, String> extra) {
        return ScribehookApp.start(
                TestApps.config(dataDir, extra), Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void anInvalidRoleSettingStopsStartBeforeTheDataDirOrTokenExist() {
        Path dataDir = TestApps.freshDataDir().resolve("first-start");
        assertThatThrownBy(() -> start(dataDir, Map.of("SCRIBEHOOK_SIGNATURE_PROFILES", "guide,nonsense")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SCRIBEHOOK_SIGNATURE_PROFILES='nonsense'");
        assertThatThrownBy(() -> start(dataDir, Map.of("SCRIBEHOOK_DEDUPE_WINDOW", "forever")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SCRIBEHOOK_DEDUPE_WINDOW='forever'");
        assertThat(dataDir).doesNotExist();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aPortInUseIsOneSentenceAndNothingIsCreated() throws Exception {
        Path dataDir = TestApps.freshDataDir().resolve("first-start");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> start(dataDir, Map.of("SCRIBEHOOK_HTTP_PORT", Integer.toString(port))))
                    .isInstanceOf(ListenFailure.class)
                    .hasMessage(
                            "port " + port + " is already in use on 127.0.0.1; set SCRIBEHOOK_HTTP_PORT to a free port "
                                    + "(0 picks any) or stop the process that holds it");
        }
        assertThat(dataDir).doesNotExist();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void listensOnTheConfiguredHost() throws Exception {
        try (ScribehookApp app = start(TestApps.freshDataDir(), Map.of("SCRIBEHOOK_HTTP_HOST", "0.0.0.0"))) {
            assertThat(app.host()).isEqualTo("0.0.0.0");
            assertThat(app.config().listensOnAllInterfaces()).isTrue();
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/healthz"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            try (ServerSocket other = new ServerSocket()) {
                assertThatThrownBy(() -> other.bind(new InetSocketAddress("0.0.0.0", app.port())))
                        .as("bound on every interface")
                        .isInstanceOf(java.net.BindException.class);
            }
        }
        try (ScribehookApp app = start(TestApps.freshDataDir(), Map.of())) {
            assertThat(app.host()).isEqualTo("127.0.0.1");
            assertThat(ScribehookApp.authority(app.host(), app.port())).isEqualTo("127.0.0.1:" + app.port());
        }
        assertThat(ScribehookApp.authority("::1", 8080)).isEqualTo("[::1]:8080");
    }
}
