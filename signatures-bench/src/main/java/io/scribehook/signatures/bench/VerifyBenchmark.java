package io.scribehook.signatures.bench;

import io.scribehook.signatures.HttpFields;
import io.scribehook.signatures.HttpMessage;
import io.scribehook.signatures.Profile;
import io.scribehook.signatures.VerificationResult;
import io.scribehook.signatures.WebhookSecret;
import io.scribehook.signatures.WebhookSigner;
import io.scribehook.signatures.WebhookVerifier;
import io.scribehook.signatures.digest.ContentDigest;
import io.scribehook.signatures.rfc9421.ComponentId;
import io.scribehook.signatures.rfc9421.KeySet;
import io.scribehook.signatures.rfc9421.MessageSigner;
import io.scribehook.signatures.rfc9421.MessageVerifier;
import io.scribehook.signatures.rfc9421.SignatureParameters;
import io.scribehook.signatures.rfc9421.SigningKey;
import io.scribehook.signatures.rfc9421.VerificationKey;
import io.scribehook.signatures.rfc9421.VerificationPolicy;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Verification throughput on one thread with a 300-byte body: each webhook profile through a
 * {@link WebhookVerifier} that accepts all three (so the profile precheck is measured too), the
 * generic RFC 9421 verifier with ed25519, and a bare baseline: SHA-256 of the body plus one HMAC-SHA256
 * {@code doFinal} over 300 bytes, with pre-initialised JCA objects.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class VerifyBenchmark {
    static final Instant CREATED = Instant.ofEpochSecond(1_750_000_000L);
    static final String SECRET = "whsec_benchmark_secret_0123456789abcdef";

    byte[] body;
    byte[] base300;
    MessageDigest sha256;
    Mac mac;
    WebhookVerifier verifier;
    HttpMessage guide;
    HttpMessage api;
    HttpMessage rfc;
    MessageVerifier edVerifier;
    HttpMessage ed;

    @Setup
    public void setup() throws Exception {
        StringBuilder json = new StringBuilder(
                "{\"resource_id\":\"123456\",\"resource_id_type\":\"Appointment\",\"event_type\":\"appointment.transcript_available\",\"changed_fields\":[],\"data\":\"");
        while (json.length() < 298) {
            json.append('x');
        }
        json.append("\"}");
        body = json.toString().getBytes(StandardCharsets.UTF_8);
        if (body.length != 300) {
            throw new IllegalStateException("body is " + body.length + " bytes");
        }
        base300 = new byte[300];
        for (int i = 0; i < base300.length; i++) {
            base300[i] = (byte) ('a' + i % 26);
        }
        sha256 = MessageDigest.getInstance("SHA-256");
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));

        List<WebhookSecret> secrets = List.of(new WebhookSecret("k1", SECRET));
        Clock clock = Clock.fixed(CREATED.plusSeconds(1), ZoneOffset.UTC);
        verifier = WebhookVerifier.builder()
                .profiles(List.of(Profile.values()))
                .secrets(secrets)
                .clock(clock)
                .build();
        guide = request(WebhookSigner.sign(
                Profile.GUIDE, "POST", "/healthie-webhooks", "application/json", body, secrets, CREATED));
        api = request(WebhookSigner.sign(
                Profile.HEALTHIE_API, "POST", "/healthie-webhooks", "application/json", body, secrets, CREATED));
        rfc = request(WebhookSigner.sign(
                Profile.HEALTHIE_RFC9421, "POST", "/healthie-webhooks", "application/json", body, secrets, CREATED));

        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        List<ComponentId> covered = List.of(
                ComponentId.METHOD,
                ComponentId.PATH,
                ComponentId.QUERY,
                ComponentId.of("content-digest"),
                ComponentId.of("content-type"),
                ComponentId.of("content-length"));
        HttpMessage unsigned = request(Map.of(
                "Content-Type",
                "application/json",
                "Content-Length",
                "300",
                "Content-Digest",
                ContentDigest.create(body)));
        SignatureParameters params = SignatureParameters.builder()
                .components(covered)
                .created(CREATED)
                .keyid("ed")
                .build();
        ed = unsigned.withHeaders(MessageSigner.sign(unsigned, "sig1", params, SigningKey.of("ed", pair.getPrivate()))
                .addTo(unsigned.headers()));
        edVerifier = new MessageVerifier(
                KeySet.of(VerificationKey.of("ed", pair.getPublic())),
                VerificationPolicy.builder()
                        .requireComponents(covered)
                        .clock(clock)
                        .build());

        for (HttpMessage m : List.of(guide, api, rfc)) {
            if (!verifier.verify(m).isVerified()) {
                throw new IllegalStateException("benchmark request does not verify: " + verifier.verify(m));
            }
        }
        if (!edVerifier.verify(ed).isVerified()) {
            throw new IllegalStateException("ed25519 request does not verify");
        }
    }

    HttpMessage request(Map<String, String> headers) {
        return new HttpMessage(
                "POST",
                "/healthie-webhooks",
                HttpFields.builder()
                        .add("Host", "receiver.example")
                        .add("User-Agent", "bench")
                        .addAll(headers)
                        .build(),
                body);
    }

    @Benchmark
    public void baseline(Blackhole bh) {
        bh.consume(sha256.digest(body));
        bh.consume(mac.doFinal(base300));
    }

    @Benchmark
    public VerificationResult guide() {
        return verifier.verify(guide);
    }

    @Benchmark
    public VerificationResult healthieApi() {
        return verifier.verify(api);
    }

    @Benchmark
    public VerificationResult healthieRfc9421() {
        return verifier.verify(rfc);
    }

    @Benchmark
    public VerificationResult ed25519() {
        return edVerifier.verify(ed);
    }
}
