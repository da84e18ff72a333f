package io.scribehook.app.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.signatures.Profile;
import io.scribehook.signatures.WebhookSecret;
import io.scribehook.signatures.WebhookSigner;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The source allow-list behind trusted proxies, against spoofed forwarding headers. */
class ReceiverSourceAddressTest {
    private static final byte[] BODY =
            "{\"resource_id\":\"1\",\"event_type\":\"other.thing\"}".getBytes(StandardCharsets.UTF_8);

    private static HttpResponse<String> from(ReceiverHarness h, String forwardedFor) {
        Map<String, String> headers = new HashMap<>(WebhookSigner.sign(
                Profile.HEALTHIE_RFC9421,
                "POST",
                "/healthie-webhooks",
                "application/json",
                BODY,
                List.of(new WebhookSecret("k", ReceiverHarness.SECRET)),
                h.clock.instant()));
        if (forwardedFor != null) {
            headers.put("X-Forwarded-For", forwardedFor);
        }
        return h.post(BODY, headers);
    }

    @Test
    void behindTrustedProxiesTheClientIsTheRightmostUntrustedAddress() {
        try (ReceiverHarness h = ReceiverHarness.start(
                Map.of(
                        "SCRIBEHOOK_IP_ALLOWLIST",
                        "healthie-production",
                        "SCRIBEHOOK_TRUSTED_PROXIES",
                        "127.0.0.0/8,10.0.0.0/8"),
                Clock.systemUTC())) {
            assertThat(from(h, "52.4.158.130").statusCode()).isEqualTo(200);
            assertThat(h.newest().get("source_ip").asText()).isEqualTo("52.4.158.130");
            assertThat(from(h, "52.4.158.130, 10.1.2.3").statusCode())
                    .as("client, proxy 1, proxy 2 (the peer)")
                    .isEqualTo(200);
            HttpResponse<String> spoofedLeft = from(h, "52.4.158.130, 8.8.8.8, 10.1.2.3");
            assertThat(spoofedLeft.statusCode())
                    .as("an untrusted hop is the client")
                    .isEqualTo(403);
            assertThat(ReceiverHarness.json(spoofedLeft.body()).get("error").asText())
                    .isEqualTo("ip_not_allowed");
            assertThat(from(h, null).statusCode())
                    .as("the proxy itself is not allowed")
                    .isEqualTo(403);
            String metrics = h.call(java.net.http.HttpRequest.newBuilder(java.net.URI.create(h.base() + "/metrics"))
                            .build())
                    .body();
            assertThat(metrics).contains("guard=\"source_ip\",reason=\"ip_not_allowed\"");
        }
    }

    @Test
    void forwardingHeadersFromAnUntrustedPeerAreIgnored() {
        try (ReceiverHarness h =
                ReceiverHarness.start(Map.of("SCRIBEHOOK_IP_ALLOWLIST", "healthie-production"), Clock.systemUTC())) {
            assertThat(from(h, "52.4.158.130").statusCode()).isEqualTo(403);
        }
        try (ReceiverHarness h =
                ReceiverHarness.start(Map.of("SCRIBEHOOK_IP_ALLOWLIST", "127.0.0.1/32"), Clock.systemUTC())) {
            assertThat(from(h, "8.8.8.8").statusCode()).isEqualTo(200);
            assertThat(h.newest().get("source_ip").asText()).isEqualTo("127.0.0.1");
        }
    }
}
