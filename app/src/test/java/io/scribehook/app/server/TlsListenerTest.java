package io.scribehook.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scribehook.app.JarRunner;
import io.scribehook.app.ScribehookApp;
import io.scribehook.app.cli.AdminClient;
import io.scribehook.app.config.AppConfig;
import io.scribehook.core.config.ConfigException;
import io.scribehook.core.config.ConfigSource;
import io.scribehook.store.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The optional TLS listener with self-signed certificates made in the test by the JDK's
 * {@code keytool} (EC and RSA; PKCS#1 and SEC1 forms converted by {@code openssl pkey -traditional}):
 * HTTPS served and trusted by a client that trusts that certificate alone, and every bad PEM
 * stopping start-up with exit 2 naming the key.
 */
class TlsListenerTest {
    private static final String PASS = "changeit";
    private static Path dir;
    private static Path ecCert;
    private static Path ecKey;
    private static Path rsaCert;
    private static Path rsaKey;

    @BeforeAll
    static void certificates() throws Exception {
        dir = TestDatabases.newFolder("tls");
        ecCert = dir.resolve("ec-cert.pem");
        ecKey = dir.resolve("ec-key.pem");
        selfSigned("ec", List.of("-keyalg", "EC", "-groupname", "secp256r1"), ecCert, ecKey);
        rsaCert = dir.resolve("rsa-cert.pem");
        rsaKey = dir.resolve("rsa-key.pem");
        selfSigned("rsa", List.of("-keyalg", "RSA", "-keysize", "2048"), rsaCert, rsaKey);
    }

    /** keytool makes the key pair and certificate; the key is written as PKCS#8 PEM from the keystore. */
    private static void selfSigned(String name, List<String> alg, Path cert, Path key) throws Exception {
        Path store = dir.resolve(name + ".p12");
        List<String> gen = new java.util.ArrayList<>(List.of(
                "keytool",
                "-genkeypair",
                "-alias",
                name,
                "-dname",
                "CN=localhost",
                "-validity",
                "2",
                "-ext",
                "san=ip:127.0.0.1,dns:localhost",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASS,
                "-keypass",
                PASS));
        gen.addAll(alg);
        run(gen);
        run(List.of(
                "keytool",
                "-exportcert",
                "-rfc",
                "-alias",
                name,
                "-keystore",
                store.toString(),
                "-storepass",
                PASS,
                "-file",
                cert.toString()));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, PASS.toCharArray());
        }
        PrivateKey pk = (PrivateKey) ks.getKey(name, PASS.toCharArray());
        Files.writeString(
                key,
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(pk.getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    }

    /** The key in its traditional form: {@code RSA PRIVATE KEY} (PKCS#1) or {@code EC PRIVATE KEY} (SEC1). */
    private static Path traditional(Path pkcs8) throws Exception {
        Path out = dir.resolve("traditional-" + pkcs8.getFileName());
        run(List.of("openssl", "pkey", "-in", pkcs8.toString(), "-traditional", "-out", out.toString()));
        return out;
    }

    private static Map<String, String> tls(Path cert, Path key) {
        Map<String, String> v = new HashMap<>();
        v.put("SCRIBEHOOK_TLS_CERT", cert.toString());
        v.put("SCRIBEHOOK_TLS_KEY", key.toString());
        return v;
    }

    @Test
    void theListenerServesHttpsToAClientTrustingTheCertificateAndTheCliCallsIt() throws Exception {
        Map<String, String> v = tls(ecCert, ecKey);
        v.put("SCRIBEHOOK_HTTP_PORT", "0");
        v.put("SCRIBEHOOK_DATA_DIR", dir.resolve("data").toString());
        v.put("SCRIBEHOOK_ROLES", "receiver");
        v.put("SCRIBEHOOK_ADMIN_TOKEN", "admin-token-for-tests-0123456789");
        AppConfig config = AppConfig.from(ConfigSource.of(v));
        try (ScribehookApp app = ScribehookApp.start(
                config,
                Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            SSLContext trusting =
                    TlsConfig.from(config.source()).material().orElseThrow().trustingContext();
            HttpClient https = HttpClient.newBuilder().sslContext(trusting).build();
            HttpResponse<String> r = https.send(
                    HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + app.port() + "/healthz"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("ok");

            HttpClient defaultTrust = HttpClient.newHttpClient();
            assertThatThrownBy(() -> defaultTrust.send(
                            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + app.port() + "/healthz"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .as("a self-signed certificate is not trusted by default")
                    .isInstanceOf(SSLHandshakeException.class);

            HttpResponse<String> plain = null;
            try {
                plain = defaultTrust.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/healthz"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException refused) {
                // the TLS listener may close a plain-text connection outright
            }
            assertThat(plain == null || plain.statusCode() != 200)
                    .as("no plain HTTP beside HTTPS on the port")
                    .isTrue();

            Map<String, String> cli = new HashMap<>(v);
            cli.put("SCRIBEHOOK_HTTP_PORT", Integer.toString(app.port()));
            AdminClient admin = AdminClient.forConfig(AppConfig.from(ConfigSource.of(cli)), null);
            assertThat(admin.base().getScheme()).isEqualTo("https");
            assertThat(admin.get("/api/receiver/webhooks").status()).isEqualTo(200);
        }
    }

    @Test
    void pkcs8Pkcs1AndSec1KeysAreRead() throws Exception {
        assertThat(TlsConfig.from(ConfigSource.of(tls(rsaCert, rsaKey))).enabled())
                .isTrue();
        Path pkcs1 = traditional(rsaKey);
        assertThat(Files.readString(pkcs1)).contains("BEGIN RSA PRIVATE KEY");
        assertThat(TlsConfig.from(ConfigSource.of(tls(rsaCert, pkcs1))).enabled())
                .isTrue();
        Path sec1 = traditional(ecKey);
        assertThat(Files.readString(sec1)).contains("BEGIN EC PRIVATE KEY");
        TlsConfig ec = TlsConfig.from(ConfigSource.of(tls(ecCert, sec1)));
        assertThat(ec.material().orElseThrow().key().getAlgorithm()).isEqualTo("EC");
        assertThat(TlsConfig.from(ConfigSource.of(Map.of())).enabled()).isFalse();
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> TlsConfig.from(ConfigSource.of(tls(ecCert, rsaKey))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SCRIBEHOOK_TLS_KEY=")
                .hasMessageContaining(
                        "is not the private key of the first certificate in SCRIBEHOOK_TLS_CERT (CN=localhost)");
    }

    @Test
    void serveExitsTwoNamingTheKeyForEveryBadPem() throws IOException {
        Path notPem = dir.resolve("not.pem");
        Files.writeString(notPem, "hello\n");
        record Case(Map<String, String> keys, String expected) {}
        List<Case> cases = List.of(
                new Case(tls(ecCert, rsaKey), "SCRIBEHOOK_TLS_KEY="),
                new Case(tls(dir.resolve("missing.pem"), ecKey), "SCRIBEHOOK_TLS_CERT="),
                new Case(tls(notPem, ecKey), "no PEM certificate"),
                new Case(tls(ecCert, notPem), "no PEM private key"),
                new Case(Map.of("SCRIBEHOOK_TLS_CERT", ecCert.toString()), "SCRIBEHOOK_TLS_KEY"));
        for (Case c : cases) {
            Map<String, String> v = new HashMap<>(c.keys());
            v.put("SCRIBEHOOK_HTTP_PORT", "0");
            v.put("SCRIBEHOOK_DATA_DIR", dir.resolve("never").toString());
            Path cfg = dir.resolve("serve.properties");
            StringBuilder b = new StringBuilder();
            v.forEach((k, val) -> b.append(k).append('=').append(val).append('\n'));
            Files.writeString(cfg, b.toString());
            JarRunner.Run r = JarRunner.inProcess("serve", "--config", cfg.toString());
            assertThat(r.exit()).as(c.expected() + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("configuration error").contains(c.expected());
        }
        assertThat(Files.exists(dir.resolve("never"))).as("nothing created").isFalse();
    }
}
