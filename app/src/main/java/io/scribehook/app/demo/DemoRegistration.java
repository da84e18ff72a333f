package io.scribehook.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * Step 2 of the guide against the demo's own hub: registers the receiver's URL with the guide's
 * {@code CreateWebhook} mutation (the document verbatim, variables in its camelCase form), unless a
 * webhook for the same URL is already registered and enabled (a re-run on the same data dir reuses
 * it), then reads the {@code signature_secret} back with {@code webhook(id)}.
 */
final class DemoRegistration {
    /** The guide's mutation, verbatim from "Create a webhook using GraphQL". */
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

    /**
     * The guide's four event types, then participant_left and recording_completed so that the
     * summary shows leaves (attendance) and the recording's completion (timeline).
     */
    static final List<String> EVENTS = List.of(
            "appointment.transcript_available",
            "appointment.recording_started",
            "appointment.recording_stopped",
            "appointment.participant_joined",
            "appointment.participant_left",
            "appointment.recording_completed");

    private static final String LIST =
            "query { webhooks(first: 100) { nodes { id url is_enabled webhook_events { event_type } } } }";
    private static final String READ_SECRET = "query GetWebhook($id: ID!) { webhook(id: $id) { id signature_secret } }";

    /** A registration: its id, its secret (never printed) and whether an earlier run made it. */
    record Registered(String id, String secret, boolean reused) {
        @Override
        public String toString() {
            return "Registered[id=" + id + ", reused=" + reused + ", secret=<redacted>]";
        }
    }

    private DemoRegistration() {}

    static Registered register(DemoApi api, String url) {
        Optional<String> existing = existing(api, url);
        String id = existing.orElseGet(() -> create(api, url));
        JsonNode read = api.graphql(
                        "webhook(id)",
                        READ_SECRET,
                        DemoApi.JSON.createObjectNode().put("id", id))
                .path("webhook");
        String secret = read.path("signature_secret").asText("");
        if (secret.isEmpty()) {
            throw new DemoFailure("webhook(id: " + id + ") answered no signature_secret");
        }
        return new Registered(id, secret, existing.isPresent());
    }

    private static Optional<String> existing(DemoApi api, String url) {
        for (JsonNode w : api.graphql("webhooks", LIST, DemoApi.JSON.createObjectNode())
                .path("webhooks")
                .path("nodes")) {
            List<String> types = new java.util.ArrayList<>();
            w.path("webhook_events").forEach(e -> types.add(e.path("event_type").asText()));
            if (url.equals(w.path("url").asText())
                    && w.path("is_enabled").asBoolean(false)
                    && types.containsAll(EVENTS)) {
                return Optional.of(w.path("id").asText());
            }
        }
        return Optional.empty();
    }

    private static String create(DemoApi api, String url) {
        ObjectNode input = DemoApi.JSON.createObjectNode().put("url", url);
        ArrayNode events = input.putArray("webhookEventsAttributes");
        EVENTS.forEach(e -> events.addObject().put("eventType", e));
        ObjectNode variables = DemoApi.JSON.createObjectNode();
        variables.set("input", input);
        JsonNode webhook = api.graphql("createWebhook", GUIDE_CREATE_WEBHOOK, variables)
                .path("createWebhook")
                .path("webhook");
        if (!webhook.hasNonNull("id")) {
            throw new DemoFailure("createWebhook answered no webhook");
        }
        return webhook.path("id").asText();
    }
}
