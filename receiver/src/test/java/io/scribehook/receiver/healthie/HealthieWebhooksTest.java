package io.scribehook.receiver.healthie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scribehook.core.time.ManualClock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthieWebhooksTest {

    static final String KEY = "gh_sbox_webhooks-key-31d0";
    static final List<String> EVENTS = List.of("appointment.transcript_available", "appointment.recording_stopped");

    HealthieStandIn standIn;
    HealthieClient client;

    @BeforeEach
    void start() {
        standIn = HealthieStandIn.start();
        client = new HealthieClient(standIn.settings(KEY), ManualClock.startingNow());
    }

    @AfterEach
    void stop() {
        client.close();
        standIn.close();
    }

    @Test
    void createWebhookSendsSnakeCaseInputAndReadsBackTheSecret() {
        Webhook w = found(client.createWebhook("https://receiver.example/healthie-webhooks", EVENTS, true, true));

        JsonNode input = standIn.lastRequest().variables().path("input");
        assertThat(standIn.lastRequest().operation()).isEqualTo("createWebhook");
        assertThat(standIn.lastRequest().query())
                .contains(
                        "createWebhook(input: $input)",
                        "signature_secret",
                        "messages { field message }",
                        "webhook_events { id event_type retry_count first_failed_at last_failed_at }");
        assertThat(input.path("url").asText()).isEqualTo("https://receiver.example/healthie-webhooks");
        assertThat(input.path("is_enabled").asBoolean()).isTrue();
        assertThat(input.path("should_retry").asBoolean()).isTrue();
        assertThat(input.path("webhook_events").findValuesAsText("event_type")).isEqualTo(EVENTS);
        assertThat(input.has("signature_secret")).isFalse();

        String stored =
                standIn.webhook(w.id()).orElseThrow().path("signature_secret").asText();
        assertThat(w.signatureSecret()).startsWith("whsec_").isEqualTo(stored);
        assertThat(w.url()).isEqualTo("https://receiver.example/healthie-webhooks");
        assertThat(w.isEnabled()).isTrue();
        assertThat(w.shouldRetry()).isTrue();
        assertThat(w.warnedAt()).isNull();
        assertThat(w.eventTypes()).isEqualTo(EVENTS);
        assertThat(w.events()).allSatisfy(e -> {
            assertThat(e.id()).isNotBlank();
            assertThat(e.retryCount()).isZero();
            assertThat(e.firstFailedAt()).isNull();
        });
        assertThat(w.toString()).doesNotContain(w.signatureSecret()).contains("<redacted>");
    }

    @Test
    void messagesArePermanentFailuresNamingTheirFieldsNotTheirText() {
        assertThat(client.createWebhook("not-a-url", EVENTS, true, true))
                .isEqualTo(new FetchResult.PermanentFailure<>("createWebhook rejected the input (url)"));

        standIn.messagesNext("webhook_events", "must not be empty for Jane Doe (jane@example.com)");
        assertThat(client.createWebhook("https://r.example/h", List.of(), true, false))
                .isEqualTo(new FetchResult.PermanentFailure<>("createWebhook rejected the input (webhook_events)"));
        assertThat(standIn.webhookCount()).isZero();
    }

    @Test
    void updateChangesOnlyWhatIsGiven() {
        Webhook w = found(client.createWebhook("https://r.example/h", EVENTS, true, true));

        Webhook updated = found(client.updateWebhook(w.id(), null, false, null, List.of("appointment.created")));

        JsonNode input = standIn.lastRequest().variables().path("input");
        assertThat(input.path("id").asText()).isEqualTo(w.id());
        assertThat(input.has("url")).isFalse();
        assertThat(input.has("should_retry")).isFalse();
        assertThat(updated.isEnabled()).isFalse();
        assertThat(updated.shouldRetry()).isTrue();
        assertThat(updated.url()).isEqualTo("https://r.example/h");
        assertThat(updated.eventTypes()).containsExactly("appointment.created");
    }

    @Test
    void unknownWebhookIsNotFound() {
        assertThat(client.updateWebhook("999", "https://r.example/x", null, null, null))
                .isEqualTo(new FetchResult.NotFound<>());
        assertThat(client.deleteWebhook("999")).isEqualTo(new FetchResult.NotFound<>());
        assertThat(client.expireWebhookSignature("999")).isEqualTo(new FetchResult.NotFound<>());
        assertThat(client.sendTestWebhook("999")).isEqualTo(new FetchResult.NotFound<>());
    }

    @Test
    void aNotFoundMessageAboutAnotherFieldIsNotNotFound() {
        Webhook w = found(client.createWebhook("https://r.example/h", EVENTS, true, true));
        standIn.messagesNext("url", "host not found");

        assertThat(client.updateWebhook(w.id(), "https://gone.example/h", null, null, null))
                .isEqualTo(new FetchResult.PermanentFailure<>("updateWebhook rejected the input (url)"));
    }

    @Test
    void expireRotatesTheSecret() {
        Webhook w = found(client.createWebhook("https://r.example/h", EVENTS, true, true));

        Webhook rotated = found(client.expireWebhookSignature(w.id()));

        assertThat(standIn.lastRequest().query()).contains("expireWebhookSignature(input: $input)");
        assertThat(rotated.id()).isEqualTo(w.id());
        assertThat(rotated.signatureSecret()).startsWith("whsec_").isNotEqualTo(w.signatureSecret());
    }

    @Test
    void sendTestAndDelete() {
        Webhook w = found(client.createWebhook("https://r.example/h", EVENTS, true, true));

        assertThat(client.sendTestWebhook(w.id())).isEqualTo(new FetchResult.Found<>(true));
        assertThat(standIn.testWebhooksSent()).containsExactly(w.id());

        assertThat(client.deleteWebhook(w.id())).isEqualTo(new FetchResult.Found<>(w.id()));
        assertThat(standIn.webhook(w.id())).isEmpty();
    }

    @Test
    void listWebhooksPagesThroughAll() {
        for (int i = 0; i < 5; i++) {
            found(client.createWebhook("https://r.example/h" + i, EVENTS, true, true));
        }

        WebhookPage first = found(client.listWebhooks(2, null));
        assertThat(standIn.lastRequest().query())
                .contains(
                        "webhooks(first: $first, after: $after)",
                        "page_info { has_next_page end_cursor }",
                        "total_count");
        assertThat(first.totalCount()).isEqualTo(5);
        assertThat(first.hasNextPage()).isTrue();
        assertThat(first.nodes())
                .extracting(Webhook::url)
                .containsExactly("https://r.example/h0", "https://r.example/h1");

        WebhookPage second = found(client.listWebhooks(2, first.endCursor()));
        WebhookPage third = found(client.listWebhooks(2, second.endCursor()));
        assertThat(second.nodes())
                .extracting(Webhook::url)
                .containsExactly("https://r.example/h2", "https://r.example/h3");
        assertThat(third.nodes()).extracting(Webhook::url).containsExactly("https://r.example/h4");
        assertThat(third.hasNextPage()).isFalse();
        assertThat(third.nodes().get(0).signatureSecret()).startsWith("whsec_");
    }

    @Test
    void mutationsShareTheRateLimitHandling() {
        standIn.rateLimitNext(1);
        assertThat(client.createWebhook("https://r.example/h", EVENTS, true, true))
                .isInstanceOf(FetchResult.Found.class);
        assertThat(standIn.requestCount()).isEqualTo(2);
        assertThat(standIn.webhookCount()).isEqualTo(1);
    }

    @Test
    void missingWebhookInTheAnswerIsMalformed() {
        standIn.answerNext(200, "{\"data\":{\"createWebhook\":{\"messages\":[],\"webhook\":null}}}");
        assertThat(client.createWebhook("https://r.example/h", EVENTS, true, true))
                .isInstanceOfSatisfying(
                        FetchResult.PermanentFailure.class,
                        f -> assertThat(f.reason()).contains("malformed"));
        standIn.answerNext(200, "{\"data\":{\"createWebhook\":null}}");
        assertThat(client.createWebhook("https://r.example/h", EVENTS, true, true))
                .isInstanceOf(FetchResult.PermanentFailure.class);
    }

    private static <T> T found(FetchResult<T> result) {
        assertThat(result).isInstanceOf(FetchResult.Found.class);
        return ((FetchResult.Found<T>) result).value();
    }
}
