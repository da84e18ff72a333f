package io.scribehook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scribehook.core.event.BodyShape;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.delivery.http.Cidr;
import io.scribehook.delivery.http.DeliveryClient;
import io.scribehook.delivery.registry.WebhookInput;
import io.scribehook.delivery.send.Attempt;
import io.scribehook.delivery.testing.Sink;
import io.scribehook.store.Database;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.QueueSettings;
import io.scribehook.store.testing.TestDatabases;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Certificates are verified: a self-signed endpoint fails as {@code tls} unless its certificate is in the configured trust store. */
class TlsTrustTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static KeyStore serverKeys;
    private static KeyStore trust;

    @BeforeAll
    static void makeCertificate() throws Exception {
        Path dir = TestDatabases.newFolder("tls-");
        Path ks = dir.resolve("server.p12");
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "sink",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=ip:127.0.0.1,dns:localhost",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        ks.toString(),
                        "-storepass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        serverKeys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            serverKeys.load(in, PASSWORD);
        }
        Certificate cert = serverKeys.getCertificate("sink");
        trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("sink", cert);
    }

    private static SSLContext serverContext() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(serverKeys, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    private static Attempt deliver(KeyStore trustStore, Sink sink) {
        try (Database db = TestDatabases.sqlite()) {
            JobQueue queue = new JobQueue(db, QueueSettings.defaults(), Clock.systemUTC());
            DeliveryClient.Settings client = DeliveryClient.Settings.defaults().withTrustStore(trustStore);
            try (DeliveryEngine engine = DeliveryEngine.builder(queue)
                    .settings(DeliverySettings.defaults()
                            .withAllowedTargets(List.of(Cidr.parse("127.0.0.1/32")))
                            .withClient(client))
                    .build()
                    .start()) {
                engine.registry().create(WebhookInput.of(sink.url("/tls").toString(), List.of("a.b")));
                long m = engine.outbox()
                        .enqueue(ThinEvent.of("a.b", "1", "Appointment", BodyShape.REFERENCE))
                        .messageIds()
                        .get(0);
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> !engine.attempts().forMessage(m).isEmpty());
                return engine.attempts().forMessage(m).get(0);
            }
        }
    }

    @Test
    void an_untrusted_certificate_fails_and_a_trusted_one_delivers() throws Exception {
        try (Sink sink = Sink.startHttps(serverContext())) {
            Attempt untrusted = deliver(null, sink);
            assertThat(untrusted.errorClass()).isEqualTo("tls");
            assertThat(untrusted.outcome()).isEqualTo("retry");
            assertThat(sink.received()).isEmpty();
            Attempt trusted = deliver(trust, sink);
            assertThat(trusted.httpStatus()).isEqualTo(200);
            assertThat(sink.received()).hasSize(1);
        }
    }
}
