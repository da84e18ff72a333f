package io.scribehook.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.scribehook.core.event.BodyShape;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.core.time.ManualClock;
import io.scribehook.delivery.DeliveryEngine;
import io.scribehook.delivery.DeliverySettings;
import io.scribehook.delivery.http.Cidr;
import io.scribehook.delivery.registry.Webhook;
import io.scribehook.delivery.registry.WebhookRegistry;
import io.scribehook.delivery.send.AttemptLog;
import io.scribehook.hub.graphql.RateLimit;
import io.scribehook.hub.testing.HubTestServer;
import io.scribehook.hub.webhooks.WebhookApi;
import io.scribehook.store.Database;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.QueueSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook registry over {@code /graphql} on real HTTP, run against each database. */
abstract class WebhookApiContract {
    /** The guide's mutation, copied verbatim from its "Create a webhook using GraphQL" step. */
    static final String GUIDE_CREATE_WEBHOOK = """
            mutation CreateWebhook($input: CreateWebhookInput!) {
            createWebhook(input: $input) {
            webhook {
            id
            url
            isEnabled
            webhookEvents {
            eventType
            }
            }
            }
            }
            """;

    /** The guide's input variables, verbatim: the URL in angle brackets (a rendering artifact). */
    static final String GUIDE_VARIABLES = """
            {
            "input": {
            "url": "<https://yourapi.com/healthie-webhooks>",
            "webhookEventsAttributes": [
            {"eventType": "appointment.transcript_available"},
            {"eventType": "appointment.recording_started"},
            {"eventType": "appointment.recording_stopped"},
            {"eventType": "appointment.participant_joined"}
            ]
            }
            }""";

    static final String WEBHOOK_FIELDS = """
            id url is_enabled should_retry signature_secret signature_key_id previous_signature_expires_at \
            signature_profile body_shape webhook_events { event_type } created_at updated_at""";

    static final String CREATE_SNAKE = "mutation c($input: createWebhookInput!) { createWebhook(input: $input) {"
            + " webhook { " + WEBHOOK_FIELDS + " } messages { field message } } }";

    static final String UPDATE = "mutation u($input: updateWebhookInput!) { updateWebhook(input: $input) {"
            + " webhook { " + WEBHOOK_FIELDS + " } messages { field message } } }";

    static final String DELETE = "mutation d($input: deleteWebhookInput!) { deleteWebhook(input: $input) {"
            + " webhook { id url } messages { field message } } }";

    static final String EXPIRE =
            "mutation e($input: expireWebhookSignatureInput!) { expireWebhookSignature(input: $input) {" + " webhook { "
                    + WEBHOOK_FIELDS + " } messages { field message } } }";

    static final String GET = "query g($id: ID) { webhook(id: $id) { " + WEBHOOK_FIELDS + " } }";

    static final String LIST = "query l($first: Int, $after: String) { webhooks(first: $first, after: $after) {"
            + " nodes { id url } page_info { end_cursor has_next_page } pageInfo { endCursor hasNextPage }"
            + " total_count totalCount } }";

    ManualClock clock;
    Database db;
    DeliveryEngine engine;
    WebhookRegistry registry;
    HubTestServer server;
    String key;

    abstract Database openDatabase();

    @BeforeEach
    void start() {
        clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
        db = openDatabase();
        engine = DeliveryEngine.builder(
                        new JobQueue(db, QueueSettings.defaults().withPollInterval(Duration.ofMillis(50)), clock))
                .settings(DeliverySettings.defaults().withAllowedTargets(List.of(Cidr.parse("127.0.0.1/32"))))
                .clock(clock)
                .build()
                .start();
        registry = engine.registry();
        server = HubTestServer.start(
                db, HubSettings.defaults().withRateLimit(RateLimit.OFF), clock, List.of(new WebhookApi(engine, clock)));
        key = server.newKey();
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
        db.close();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> guideVariables(String url) {
        Map<String, Object> vars = (Map<String, Object>) new com.fasterxml.jackson.databind.ObjectMapper()
                .convertValue(HubTestServer.json(GUIDE_VARIABLES), Map.class);
        if (url != null) {
            ((Map<String, Object>) vars.get("input")).put("url", url);
        }
        return vars;
    }

    JsonNode create(Map<String, Object> input) {
        JsonNode r = server.graphqlOk(key, CREATE_SNAKE, Map.of("input", input));
        assertThat(r.has("errors")).as(r.toString()).isFalse();
        return r.path("data").path("createWebhook");
    }

    String createdId(String url, List<String> types) {
        JsonNode p = create(Map.of(
                "url",
                url,
                "webhook_events_attributes",
                types.stream().map(t -> Map.of("event_type", t)).toList()));
        assertThat(p.path("messages")).as(p.toString()).isEmpty();
        return p.path("webhook").path("id").asText();
    }

    @Test
    void theGuidesCreateWebhookMutationWorksVerbatimOnceTheUrlLosesItsAngleBrackets() {
        JsonNode r =
                server.graphqlOk(key, GUIDE_CREATE_WEBHOOK, guideVariables("https://yourapi.com/healthie-webhooks"));
        assertThat(r.has("errors")).as(r.toString()).isFalse();
        JsonNode w = r.path("data").path("createWebhook").path("webhook");
        assertThat(w.path("id").asText()).matches("[1-9][0-9]*");
        assertThat(w.path("url").asText()).isEqualTo("https://yourapi.com/healthie-webhooks");
        assertThat(w.path("isEnabled").asBoolean()).isTrue();
        List<String> types = new ArrayList<>();
        w.path("webhookEvents").forEach(e -> types.add(e.path("eventType").asText()));
        assertThat(types)
                .containsExactlyInAnyOrder(
                        "appointment.transcript_available",
                        "appointment.recording_started",
                        "appointment.recording_stopped",
                        "appointment.participant_joined");
        Webhook stored = registry.get(Long.parseLong(w.path("id").asText())).orElseThrow();
        assertThat(stored.url()).isEqualTo("https://yourapi.com/healthie-webhooks");
        assertThat(stored.eventTypes()).hasSize(4);
    }

    @Test
    void theGuidesVariablesVerbatimAnswerAUrlMessageAndStoreNothing() {
        String withMessages =
                GUIDE_CREATE_WEBHOOK.replace("eventType\n}\n}\n", "eventType\n}\n}\nmessages { field message }\n");
        assertThat(withMessages).contains("messages { field message }");
        JsonNode r = server.graphqlOk(key, withMessages, guideVariables(null));
        assertThat(r.has("errors")).as(r.toString()).isFalse();
        JsonNode p = r.path("data").path("createWebhook");
        assertThat(p.path("webhook").isNull()).isTrue();
        assertThat(p.path("messages").get(0).path("field").asText()).isEqualTo("url");
        assertThat(p.path("messages").get(0).path("message").asText()).isNotBlank();
        assertThat(registry.list(10, null).totalCount()).isZero();
    }

    @Test
    void snakeCaseCreateReturnsEverythingIncludingTheSecret() {
        JsonNode p = create(Map.of(
                "url",
                "https://receiver.example/hooks",
                "is_enabled",
                false,
                "should_retry",
                false,
                "webhook_events_attributes",
                List.of(
                        Map.of("event_type", "appointment.created"),
                        Map.of("event_type", "scribe.note_drafted"),
                        Map.of("event_type", "webhook.disabled")),
                "signature_profile",
                "healthie-rfc9421",
                "body_shape",
                "guide"));
        assertThat(p.path("messages")).as(p.toString()).isEmpty();
        JsonNode w = p.path("webhook");
        assertThat(w.path("is_enabled").asBoolean()).isFalse();
        assertThat(w.path("should_retry").asBoolean()).isFalse();
        assertThat(w.path("signature_secret").asText()).startsWith("whsec_");
        assertThat(w.path("signature_key_id").asText()).startsWith("k_");
        assertThat(w.path("previous_signature_expires_at").isNull()).isTrue();
        assertThat(w.path("signature_profile").asText()).isEqualTo("healthie-rfc9421");
        assertThat(w.path("body_shape").asText()).isEqualTo("guide");
        assertThat(w.path("created_at").asText()).isEqualTo("2026-03-01 12:00:00 +0000");
        List<String> types = new ArrayList<>();
        w.path("webhook_events").forEach(e -> types.add(e.path("event_type").asText()));
        assertThat(types).containsExactly("appointment.created", "scribe.note_drafted", "webhook.disabled");
        Webhook stored = registry.get(Long.parseLong(w.path("id").asText())).orElseThrow();
        assertThat(stored.secret().value()).isEqualTo(w.path("signature_secret").asText());
    }

    /** The document shape of the receiver's Healthie client: {@code webhook_events}, failure fields. */
    static final String RECEIVER_CREATE = """
            mutation createWebhook($input: createWebhookInput!) {
              createWebhook(input: $input) {
                messages { field message }
                webhook { id url is_enabled should_retry signature_secret warned_at \
            webhook_events { id event_type retry_count first_failed_at last_failed_at } }
              }
            }""";

    @Test
    void theRealApisInputNameAndWebhookEventsListWorkToo() {
        JsonNode r = server.graphqlOk(
                key,
                RECEIVER_CREATE,
                Map.of(
                        "input",
                        Map.of(
                                "url",
                                "https://receiver.example/hooks",
                                "is_enabled",
                                true,
                                "should_retry",
                                true,
                                "webhook_events",
                                List.of(Map.of("event_type", "appointment.transcript_available")))));
        assertThat(r.has("errors")).as(r.toString()).isFalse();
        JsonNode w = r.path("data").path("createWebhook").path("webhook");
        assertThat(w.path("warned_at").isNull()).isTrue();
        JsonNode e = w.path("webhook_events").get(0);
        assertThat(e.path("event_type").asText()).isEqualTo("appointment.transcript_available");
        assertThat(e.path("id").asText()).matches("[1-9][0-9]*");
        assertThat(e.path("retry_count").asInt(-1)).isZero();
        assertThat(e.path("first_failed_at").isNull()).isTrue();
        assertThat(e.path("last_failed_at").isNull()).isTrue();
        assertThat(registry.get(Long.parseLong(w.path("id").asText()))
                        .orElseThrow()
                        .eventTypes())
                .containsExactly("appointment.transcript_available");
    }

    @Test
    void anInputTypeOtherThanTheAliasesStillFailsValidation() {
        JsonNode r = server.graphqlOk(
                key,
                RECEIVER_CREATE.replace("createWebhookInput!", "updateWebhookInput!"),
                Map.of("input", Map.of("id", "1", "url", "https://receiver.example/hooks")));
        assertThat(r.path("errors").get(0).path("message").asText()).contains("updateWebhookInput");
        assertThat(registry.list(10, null).totalCount()).isZero();
    }

    @Test
    void unsupportedEventTypesAnswerEventTypeMessages() {
        JsonNode p = create(Map.of(
                "url",
                "https://receiver.example/hooks",
                "webhook_events_attributes",
                List.of(
                        Map.of("event_type", "appointment.created"),
                        Map.of("event_type", "form_answer_group.created"),
                        Map.of("event_type", "scribe."))));
        assertThat(p.path("webhook").isNull()).isTrue();
        assertThat(p.path("messages")).hasSize(2);
        p.path("messages").forEach(m -> assertThat(m.path("field").asText()).isEqualTo("event_type"));
        assertThat(p.path("messages").get(0).path("message").asText()).contains("form_answer_group.created");
        assertThat(registry.list(10, null).totalCount()).isZero();
    }

    @Test
    void registryValidationComesBackAsMessages() {
        JsonNode p = create(Map.of(
                "url", "ftp://receiver.example/hooks",
                "webhook_events_attributes", List.of(Map.of("event_type", "appointment.created")),
                "signature_profile", "md5"));
        assertThat(p.path("webhook").isNull()).isTrue();
        Set<String> fields = new HashSet<>();
        p.path("messages").forEach(m -> fields.add(m.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("url", "signature_profile");
        JsonNode none = create(Map.of("url", "https://receiver.example/hooks"));
        assertThat(none.path("messages").get(0).path("field").asText()).isEqualTo("webhook_events");
    }

    @Test
    void webhookByIdAndNotFound() {
        String id = createdId("https://receiver.example/a", List.of("appointment.updated"));
        JsonNode r = server.graphqlOk(key, GET, Map.of("id", id));
        assertThat(r.has("errors")).as(r.toString()).isFalse();
        assertThat(r.path("data").path("webhook").path("url").asText()).isEqualTo("https://receiver.example/a");
        assertThat(r.path("data")
                        .path("webhook")
                        .path("webhook_events")
                        .get(0)
                        .path("event_type")
                        .asText())
                .isEqualTo("appointment.updated");

        JsonNode missing = server.graphqlOk(key, GET, Map.of("id", "999999"));
        assertThat(missing.path("data").path("webhook").isNull()).isTrue();
        assertThat(missing.path("errors").get(0).path("extensions").path("code").asText())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void webhooksPagesWithCursorsAndTotalCount() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(createdId("https://receiver.example/" + i, List.of("appointment.created")));
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        while (true) {
            Map<String, Object> vars = new java.util.HashMap<>();
            vars.put("first", 2);
            vars.put("after", after);
            JsonNode r = server.graphqlOk(key, LIST, vars);
            assertThat(r.has("errors")).as(r.toString()).isFalse();
            JsonNode c = r.path("data").path("webhooks");
            assertThat(c.path("total_count").asInt()).isEqualTo(5);
            assertThat(c.path("totalCount").asInt()).isEqualTo(5);
            c.path("nodes").forEach(n -> seen.add(n.path("id").asText()));
            pages++;
            assertThat(c.path("pageInfo").path("endCursor"))
                    .isEqualTo(c.path("page_info").path("end_cursor"));
            if (!c.path("page_info").path("has_next_page").asBoolean()) {
                break;
            }
            after = c.path("page_info").path("end_cursor").asText();
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(ids);

        JsonNode bad = server.graphqlOk(key, LIST, Map.of("first", 0));
        assertThat(bad.path("errors").get(0).path("extensions").path("code").asText())
                .isEqualTo("BAD_USER_INPUT");
        assertThat(bad.path("errors").get(0).path("message").asText()).contains("first");
    }

    @Test
    void updateChangesOnlyTheGivenFields() {
        String id = createdId("https://receiver.example/a", List.of("appointment.created"));
        clock.advance(Duration.ofMinutes(5));
        JsonNode r = server.graphqlOk(
                key,
                UPDATE,
                Map.of(
                        "input",
                        Map.of(
                                "id",
                                id,
                                "isEnabled",
                                false,
                                "webhookEventsAttributes",
                                List.of(
                                        Map.of("eventType", "appointment.deleted"),
                                        Map.of("eventType", "appointment.transcript_available")))));
        assertThat(r.has("errors")).as(r.toString()).isFalse();
        JsonNode p = r.path("data").path("updateWebhook");
        assertThat(p.path("messages")).isEmpty();
        JsonNode w = p.path("webhook");
        assertThat(w.path("url").asText()).isEqualTo("https://receiver.example/a");
        assertThat(w.path("is_enabled").asBoolean()).isFalse();
        assertThat(w.path("updated_at").asText()).isEqualTo("2026-03-01 12:05:00 +0000");
        assertThat(registry.get(Long.parseLong(id)).orElseThrow().eventTypes())
                .containsExactly("appointment.deleted", "appointment.transcript_available");

        JsonNode invalid = server.graphqlOk(
                key,
                UPDATE,
                Map.of(
                        "input",
                        Map.of("id", id, "webhook_events_attributes", List.of(Map.of("event_type", "billing.paid")))));
        assertThat(invalid.path("data")
                        .path("updateWebhook")
                        .path("messages")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("event_type");
        assertThat(registry.get(Long.parseLong(id)).orElseThrow().eventTypes()).hasSize(2);

        JsonNode missing =
                server.graphqlOk(key, UPDATE, Map.of("input", Map.of("id", "424242", "url", "https://x.example/")));
        assertThat(missing.path("data")
                        .path("updateWebhook")
                        .path("messages")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("id");
    }

    @Test
    void deleteRemovesTheWebhook() {
        String id = createdId("https://receiver.example/a", List.of("appointment.created"));
        JsonNode r = server.graphqlOk(key, DELETE, Map.of("input", Map.of("id", id)));
        assertThat(r.has("errors")).as(r.toString()).isFalse();
        assertThat(r.path("data")
                        .path("deleteWebhook")
                        .path("webhook")
                        .path("id")
                        .asText())
                .isEqualTo(id);
        assertThat(registry.get(Long.parseLong(id))).isEmpty();
        JsonNode again = server.graphqlOk(key, DELETE, Map.of("input", Map.of("id", id)));
        assertThat(again.path("data").path("deleteWebhook").path("webhook").isNull())
                .isTrue();
        assertThat(again.path("data")
                        .path("deleteWebhook")
                        .path("messages")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("id");
    }

    @Test
    void expireSignatureRotatesTheSecretWithAnOptionalOverlap() {
        JsonNode created = create(Map.of(
                "url",
                "https://receiver.example/a",
                "webhook_events_attributes",
                List.of(Map.of("event_type", "appointment.created"))));
        String id = created.path("webhook").path("id").asText();
        String first = created.path("webhook").path("signature_secret").asText();

        JsonNode r = server.graphqlOk(key, EXPIRE, Map.of("input", Map.of("id", id, "overlap", "PT24H")));
        assertThat(r.has("errors")).as(r.toString()).isFalse();
        JsonNode w = r.path("data").path("expireWebhookSignature").path("webhook");
        String second = w.path("signature_secret").asText();
        assertThat(second).startsWith("whsec_").isNotEqualTo(first);
        assertThat(w.path("previous_signature_expires_at").asText()).isEqualTo("2026-03-02 12:00:00 +0000");
        Webhook stored = registry.get(Long.parseLong(id)).orElseThrow();
        assertThat(stored.previous().value()).isEqualTo(first);

        JsonNode seconds = server.graphqlOk(key, EXPIRE, Map.of("input", Map.of("id", id, "overlap", "60")));
        assertThat(seconds.path("data")
                        .path("expireWebhookSignature")
                        .path("webhook")
                        .path("previous_signature_expires_at")
                        .asText())
                .isEqualTo("2026-03-01 12:01:00 +0000");

        JsonNode now = server.graphqlOk(key, EXPIRE, Map.of("input", Map.of("id", id)));
        JsonNode w3 = now.path("data").path("expireWebhookSignature").path("webhook");
        assertThat(w3.path("previous_signature_expires_at").isNull()).isTrue();
        assertThat(registry.get(Long.parseLong(id)).orElseThrow().previous()).isNull();

        for (String bad : List.of("P31D", "soon", "-PT1H")) {
            JsonNode invalid = server.graphqlOk(key, EXPIRE, Map.of("input", Map.of("id", id, "overlap", bad)));
            JsonNode p = invalid.path("data").path("expireWebhookSignature");
            assertThat(p.path("webhook").isNull()).as(bad).isTrue();
            assertThat(p.path("messages").get(0).path("field").asText()).as(bad).isEqualTo("overlap");
        }
        JsonNode missing = server.graphqlOk(key, EXPIRE, Map.of("input", Map.of("id", "777777")));
        assertThat(missing.path("data")
                        .path("expireWebhookSignature")
                        .path("messages")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("id");
    }

    @Test
    void withoutAnApiKeyNothingIsCreated() {
        var r = server.graphql(
                "not-a-key", GUIDE_CREATE_WEBHOOK, guideVariables("https://yourapi.com/healthie-webhooks"));
        assertThat(r.body()).doesNotContain("whsec_");
        assertThat(registry.list(10, null).totalCount()).isZero();
    }

    static final String SENT = """
            query s($failed: Boolean, $resourceId: ID, $webhookId: ID, $after: String, $first: Int) {
              sentWebhooks(failed: $failed, resource_id: $resourceId, webhookId: $webhookId, sent_after: $after, first: $first) {
                id webhook_id webhookId event_type resource_id resource_id_type url attempt sent_at status outcome failed response
              }
            }""";

    JsonNode sent(Map<String, Object> vars) {
        JsonNode r = server.graphqlOk(key, SENT, vars);
        assertThat(r.has("errors")).as(r.toString()).isFalse();
        return r.path("data").path("sentWebhooks");
    }

    /** A receiver on 127.0.0.1: {@code /ok} answers 200, any other path 500; request bodies by path. */
    static HttpServer receiver(List<String> received) throws java.io.IOException {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(exchange.getRequestURI().getPath() + " "
                    + new String(exchange.getRequestBody().readAllBytes()));
            byte[] body = exchange.getRequestURI().getPath().equals("/ok") ? "thanks".getBytes() : "broken".getBytes();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/ok") ? 200 : 500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        receiver.start();
        return receiver;
    }

    @Test
    void sentWebhooksListsTheEnginesAttemptsByFilter() throws Exception {
        HttpServer receiver = receiver(new java.util.concurrent.CopyOnWriteArrayList<>());
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        try {
            String ok = createdId(base + "/ok", List.of("appointment.created"));
            String failing = createdId(base + "/fail", List.of("appointment.created"));
            engine.outbox().enqueue(ThinEvent.of("appointment.created", "42", "Appointment", BodyShape.REFERENCE));
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            engine.attempts().sent(AttemptLog.Filter.all(), 10).size() == 2);

            JsonNode all = sent(Map.of("resourceId", "42"));
            assertThat(all).hasSize(2);
            JsonNode failed = sent(Map.of("failed", true));
            assertThat(failed).hasSize(1);
            JsonNode f = failed.get(0);
            assertThat(f.path("webhook_id").asText()).isEqualTo(failing);
            assertThat(f.path("webhookId").asText()).isEqualTo(failing);
            assertThat(f.path("status").asInt()).isEqualTo(500);
            assertThat(f.path("failed").asBoolean()).isTrue();
            assertThat(f.path("url").asText()).isEqualTo(base + "/fail");
            assertThat(f.path("event_type").asText()).isEqualTo("appointment.created");
            assertThat(f.path("resource_id").asText()).isEqualTo("42");
            assertThat(f.path("resource_id_type").asText()).isEqualTo("Appointment");
            assertThat(f.path("attempt").asInt()).isEqualTo(1);
            assertThat(f.path("sent_at").asText()).isEqualTo("2026-03-01 12:00:00 +0000");
            assertThat(f.path("response").asText()).contains("broken");

            JsonNode delivered = sent(Map.of("failed", false));
            assertThat(delivered).hasSize(1);
            assertThat(delivered.get(0).path("webhook_id").asText()).isEqualTo(ok);
            assertThat(delivered.get(0).path("status").asInt()).isEqualTo(200);
            assertThat(delivered.get(0).path("outcome").asText()).isEqualTo("delivered");

            assertThat(sent(Map.of("webhookId", ok))).hasSize(1);
            assertThat(sent(Map.of("resourceId", "43"))).isEmpty();
            assertThat(sent(Map.of("after", "2026-03-02"))).isEmpty();
            assertThat(sent(Map.of("after", "2026-03-01T11:59:00Z"))).hasSize(2);
            assertThat(sent(Map.of("first", 1))).hasSize(1);

            JsonNode badFirst = server.graphqlOk(key, SENT, Map.of("first", 0));
            assertThat(badFirst.path("errors")
                            .get(0)
                            .path("extensions")
                            .path("code")
                            .asText())
                    .isEqualTo("BAD_USER_INPUT");
            assertThat(badFirst.path("errors").get(0).path("message").asText()).contains("first");
            JsonNode badDate = server.graphqlOk(key, SENT, Map.of("after", "yesterday"));
            assertThat(badDate.path("errors")
                            .get(0)
                            .path("extensions")
                            .path("code")
                            .asText())
                    .isEqualTo("BAD_USER_INPUT");
        } finally {
            receiver.stop(0);
        }
    }

    static final String SEND_TEST = """
            mutation t($input: sendTestWebhookInput!) {
              sendTestWebhook(input: $input) { sent webhook { id } messages { field message } }
            }""";

    @Test
    void sendTestWebhookDeliversASampleToThatWebhookAlone() throws Exception {
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer receiver = receiver(received);
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        try {
            String target = createdId(base + "/ok", List.of("appointment.transcript_available"));
            createdId(base + "/other", List.of("appointment.transcript_available"));
            JsonNode r = server.graphqlOk(key, SEND_TEST, Map.of("input", Map.of("id", target)));
            assertThat(r.has("errors")).as(r.toString()).isFalse();
            JsonNode p = r.path("data").path("sendTestWebhook");
            assertThat(p.path("sent").asBoolean()).isTrue();
            assertThat(p.path("webhook").path("id").asText()).isEqualTo(target);
            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 1);
            assertThat(received.get(0))
                    .startsWith("/ok ")
                    .contains("appointment.transcript_available")
                    .contains(WebhookApi.TEST_RESOURCE_ID);

            JsonNode chosen = server.graphqlOk(
                    key,
                    SEND_TEST,
                    Map.of("input", Map.of("id", target, "eventType", "scribe.note_drafted", "resourceId", "777")));
            assertThat(chosen.path("data").path("sendTestWebhook").path("sent").asBoolean())
                    .isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 2);
            assertThat(received.get(1))
                    .startsWith("/ok ")
                    .contains("scribe.note_drafted")
                    .contains("777");
            // the attempt row is written after the answer (in batches): wait for it, not for the stub
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> sent(Map.of("webhookId", target)).size() == 2);
            assertThat(sent(Map.of("webhookId", target)))
                    .allSatisfy(a -> assertThat(a.path("url").asText()).isEqualTo(base + "/ok"));

            JsonNode bad = server.graphqlOk(
                    key, SEND_TEST, Map.of("input", Map.of("id", target, "event_type", "billing.paid")));
            JsonNode bp = bad.path("data").path("sendTestWebhook");
            assertThat(bp.path("sent").asBoolean()).isFalse();
            assertThat(bp.path("messages").get(0).path("field").asText()).isEqualTo("event_type");
            JsonNode missing = server.graphqlOk(key, SEND_TEST, Map.of("input", Map.of("id", "888888")));
            assertThat(missing.path("data").path("sendTestWebhook").path("sent").asBoolean())
                    .isFalse();
            assertThat(missing.path("data")
                            .path("sendTestWebhook")
                            .path("messages")
                            .get(0)
                            .path("field")
                            .asText())
                    .isEqualTo("id");
            assertThat(received).hasSize(2);
        } finally {
            receiver.stop(0);
        }
    }

    static final String FILTERED = """
            query f($url: String, $enabled: Boolean, $type: String) {
              snake: webhooks(first: 50, url: $url, is_enabled: $enabled, event_type: $type) { nodes { id } total_count }
              camel: webhooks(first: 50, url: $url, isEnabled: $enabled, eventType: $type) { nodes { id } totalCount }
            }""";

    List<String> filtered(Map<String, Object> vars) {
        JsonNode r = server.graphqlOk(key, FILTERED, vars);
        assertThat(r.has("errors")).as(r.toString()).isFalse();
        List<String> snake = new ArrayList<>();
        r.path("data")
                .path("snake")
                .path("nodes")
                .forEach(n -> snake.add(n.path("id").asText()));
        List<String> camel = new ArrayList<>();
        r.path("data")
                .path("camel")
                .path("nodes")
                .forEach(n -> camel.add(n.path("id").asText()));
        assertThat(camel).isEqualTo(snake);
        assertThat(r.path("data").path("snake").path("total_count").asInt()).isEqualTo(snake.size());
        return snake;
    }

    @Test
    void webhooksFilterByUrlEnabledAndEventType() {
        String a = createdId("https://receiver.example/a", List.of("appointment.created"));
        String b = createdId(
                "https://receiver.example/b", List.of("appointment.created", "appointment.transcript_available"));
        String c = createdId("https://receiver.example/a", List.of("appointment.transcript_available"));
        JsonNode off = server.graphqlOk(key, UPDATE, Map.of("input", Map.of("id", c, "is_enabled", false)));
        assertThat(off.has("errors")).as(off.toString()).isFalse();

        assertThat(filtered(Map.of())).containsExactly(a, b, c);
        assertThat(filtered(Map.of("url", "https://receiver.example/a"))).containsExactly(a, c);
        assertThat(filtered(Map.of("enabled", false))).containsExactly(c);
        assertThat(filtered(Map.of("enabled", true))).containsExactly(a, b);
        assertThat(filtered(Map.of("type", "appointment.transcript_available"))).containsExactly(b, c);
        assertThat(filtered(Map.of("type", "appointment.transcript_available", "enabled", true)))
                .containsExactly(b);
        assertThat(filtered(Map.of("url", "https://receiver.example/zzz"))).isEmpty();
    }

    static final String SENT_PAGE = """
            query p($first: Int, $after: String, $offset: Int) {
              sentWebhooksConnection(first: $first, after: $after, offset: $offset) {
                nodes { id resource_id } page_info { end_cursor has_next_page } pageInfo { endCursor } total_count totalCount
              }
            }""";

    @Test
    void sentWebhooksPagesWithCursorOffsetAndTotalCount() throws Exception {
        HttpServer receiver = receiver(new java.util.concurrent.CopyOnWriteArrayList<>());
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        try {
            createdId(base + "/ok", List.of("appointment.created"));
            for (String id : List.of("1", "2", "3")) {
                engine.outbox().enqueue(ThinEvent.of("appointment.created", id, "Appointment", BodyShape.REFERENCE));
            }
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            engine.attempts().sent(AttemptLog.Filter.all(), 10).size() == 3);
            List<String> all = new ArrayList<>();
            sent(Map.of()).forEach(n -> all.add(n.path("id").asText()));
            assertThat(all).hasSize(3);

            Map<String, Object> vars = new java.util.HashMap<>();
            vars.put("first", 2);
            JsonNode first = server.graphqlOk(key, SENT_PAGE, vars);
            assertThat(first.has("errors")).as(first.toString()).isFalse();
            JsonNode c1 = first.path("data").path("sentWebhooksConnection");
            assertThat(c1.path("total_count").asInt()).isEqualTo(3);
            assertThat(c1.path("totalCount").asInt()).isEqualTo(3);
            assertThat(c1.path("page_info").path("has_next_page").asBoolean()).isTrue();
            assertThat(c1.path("nodes")).hasSize(2);
            assertThat(c1.path("nodes").get(0).path("id").asText()).isEqualTo(all.get(0));
            assertThat(c1.path("pageInfo").path("endCursor").asText()).isEqualTo(all.get(1));

            vars.put("after", c1.path("page_info").path("end_cursor").asText());
            JsonNode c2 = server.graphqlOk(key, SENT_PAGE, vars).path("data").path("sentWebhooksConnection");
            assertThat(c2.path("nodes")).hasSize(1);
            assertThat(c2.path("nodes").get(0).path("id").asText()).isEqualTo(all.get(2));
            assertThat(c2.path("page_info").path("has_next_page").asBoolean()).isFalse();
            assertThat(c2.path("total_count").asInt()).isEqualTo(3);

            JsonNode offset = server.graphqlOk(key, "query o { sentWebhooks(offset: 1, first: 10) { id } }", Map.of());
            List<String> skipped = new ArrayList<>();
            offset.path("data")
                    .path("sentWebhooks")
                    .forEach(n -> skipped.add(n.path("id").asText()));
            assertThat(skipped).containsExactly(all.get(1), all.get(2));

            JsonNode badOffset = server.graphqlOk(key, SENT_PAGE, Map.of("offset", -1));
            assertThat(badOffset.path("errors").get(0).path("message").asText()).contains("offset");
            JsonNode badCursor = server.graphqlOk(key, SENT_PAGE, Map.of("after", "nope"));
            assertThat(badCursor.path("errors").get(0).path("message").asText()).contains("after");
        } finally {
            receiver.stop(0);
        }
    }

    static final String EVENTS = """
            query g($id: ID) { webhook(id: $id) {
              webhook_events { id event_type retry_count first_failed_at last_failed_at }
              webhookEvents { id eventType retryCount firstFailedAt lastFailedAt }
            } }""";

    /** The webhook's subscriptions by event type (snake_case view; the camelCase one must match). */
    Map<String, JsonNode> events(String webhookId) {
        JsonNode r = server.graphqlOk(key, EVENTS, Map.of("id", webhookId));
        assertThat(r.has("errors")).as(r.toString()).isFalse();
        JsonNode w = r.path("data").path("webhook");
        Map<String, JsonNode> out = new java.util.TreeMap<>();
        for (int i = 0; i < w.path("webhook_events").size(); i++) {
            JsonNode snake = w.path("webhook_events").get(i);
            JsonNode camel = w.path("webhookEvents").get(i);
            assertThat(camel.path("id")).isEqualTo(snake.path("id"));
            assertThat(camel.path("retryCount")).isEqualTo(snake.path("retry_count"));
            assertThat(camel.path("firstFailedAt")).isEqualTo(snake.path("first_failed_at"));
            assertThat(camel.path("lastFailedAt")).isEqualTo(snake.path("last_failed_at"));
            out.put(snake.path("event_type").asText(), snake);
        }
        return out;
    }

    @Test
    void webhookEventsCarryTheirOwnIdsAndFailureHealthFromTheAttemptLog() throws Exception {
        HttpServer receiver = receiver(new java.util.concurrent.CopyOnWriteArrayList<>());
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        try {
            String w = createdId(base + "/fail", List.of("appointment.created", "appointment.updated"));
            Map<String, JsonNode> fresh = events(w);
            String createdSubscription =
                    fresh.get("appointment.created").path("id").asText();
            assertThat(createdSubscription)
                    .isNotEqualTo(fresh.get("appointment.updated").path("id").asText());

            Instant t0 = clock.instant();
            engine.outbox().enqueue(ThinEvent.of("appointment.created", "42", "Appointment", BodyShape.REFERENCE));
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            engine.attempts().sent(AttemptLog.Filter.all(), 10).size() == 1);
            Map<String, JsonNode> once = events(w);
            assertThat(once.get("appointment.created").path("retry_count").asInt())
                    .isZero();
            assertThat(once.get("appointment.created").path("first_failed_at").asText())
                    .isEqualTo("2026-03-01 12:00:00 +0000");
            assertThat(once.get("appointment.created").path("last_failed_at").asText())
                    .isEqualTo("2026-03-01 12:00:00 +0000");

            clock.advance(Duration.ofMinutes(1)); // past the first retry (5 s ± 20 %)
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            engine.attempts().sent(AttemptLog.Filter.all(), 10).size() == 2);
            Map<String, JsonNode> twice = events(w);
            JsonNode created = twice.get("appointment.created");
            assertThat(created.path("retry_count").asInt()).isEqualTo(1);
            assertThat(created.path("first_failed_at").asText()).isEqualTo("2026-03-01 12:00:00 +0000");
            assertThat(created.path("last_failed_at").asText()).isEqualTo("2026-03-01 12:01:00 +0000");
            JsonNode updated = twice.get("appointment.updated");
            assertThat(updated.path("retry_count").asInt()).isZero();
            assertThat(updated.path("first_failed_at").isNull()).isTrue();
            assertThat(updated.path("last_failed_at").isNull()).isTrue();

            // a subscription kept by an update keeps its id; the endpoint heals: the streak ends
            JsonNode moved = server.graphqlOk(
                    key,
                    UPDATE,
                    Map.of(
                            "input",
                            Map.of(
                                    "id",
                                    w,
                                    "url",
                                    base + "/ok",
                                    "webhook_events",
                                    List.of(
                                            Map.of("event_type", "appointment.created"),
                                            Map.of("event_type", "appointment.deleted")))));
            assertThat(moved.has("errors")).as(moved.toString()).isFalse();
            Map<String, JsonNode> after = events(w);
            assertThat(after).containsOnlyKeys("appointment.created", "appointment.deleted");
            assertThat(after.get("appointment.created").path("id").asText()).isEqualTo(createdSubscription);

            clock.advance(Duration.ofMinutes(5)); // past the second retry (30 s ± 20 %)
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            engine.attempts().sent(AttemptLog.Filter.all(), 10).size() == 3);
            JsonNode healed = events(w).get("appointment.created");
            assertThat(healed.path("retry_count").asInt()).isZero();
            assertThat(healed.path("first_failed_at").isNull()).isTrue();
            assertThat(healed.path("last_failed_at").isNull()).isTrue();
            assertThat(t0).isBefore(clock.instant());
        } finally {
            receiver.stop(0);
        }
    }
}
