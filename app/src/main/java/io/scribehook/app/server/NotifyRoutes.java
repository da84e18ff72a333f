package io.scribehook.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.scribehook.core.http.ApiException;
import io.scribehook.core.http.JsonBody;
import io.scribehook.delivery.registry.RegistryResult;
import io.scribehook.delivery.registry.Webhook;
import io.scribehook.delivery.registry.WebhookInput;
import io.scribehook.delivery.registry.WebhookPage;
import io.scribehook.delivery.registry.WebhookRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Subscribers of the receiver's own events ({@code scribe.note_drafted},
 * {@code scribe.meeting_started}): ordinary webhooks of the delivery registry, managed without the
 * hub's GraphQL API (for a process with only the receiver role). They fetch the note from
 * {@code /api/scribe/appointments/{id}/notes/{version}}.
 *
 * <ul>
 *   <li>{@code POST /api/receiver/notify} {@code {"url", "events": [...], "signature_profile"?,
 *       "body_shape"?}}: 201 with the webhook and its {@code signature_secret} (shown only here);
 *       invalid input: 400 {@code invalid_request} naming the fields.
 *   <li>{@code GET /api/receiver/notify}: every registered webhook, without secrets.
 *   <li>{@code DELETE /api/receiver/notify/{id}}: 204, or 404.
 * </ul>
 */
public final class NotifyRoutes {
    private final WebhookRegistry registry;

    public NotifyRoutes(WebhookRegistry registry) {
        this.registry = registry;
    }

    public void register(RoutesConfig r) {
        r.post("/api/receiver/notify", this::add);
        r.get("/api/receiver/notify", this::list);
        r.delete("/api/receiver/notify/{id}", this::delete);
    }

    private void add(Context ctx) {
        ObjectNode in = JsonBody.object(ctx.bodyAsBytes());
        List<String> events = new ArrayList<>();
        for (JsonNode e : in.path("events")) {
            events.add(e.asText());
        }
        WebhookInput input = WebhookInput.of(text(in, "url"), events)
                .withProfile(text(in, "signature_profile"))
                .withShape(text(in, "body_shape"));
        switch (registry.create(input)) {
            case RegistryResult.Saved s -> {
                Map<String, Object> body = view(s.webhook());
                body.put("signature_secret", s.webhook().secret().value());
                ctx.status(201).json(body);
            }
            case RegistryResult.Invalid i ->
                throw ApiException.invalidRequest(String.join(
                        "; ",
                        i.errors().stream()
                                .map(e -> e.field() + ": " + e.message())
                                .toList()));
            case RegistryResult.NotFound n -> throw ApiException.notFound("no webhook " + n.id());
        }
    }

    private void list(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        String after = null;
        do {
            WebhookPage page = registry.list(WebhookRegistry.MAX_PAGE, after);
            page.nodes().forEach(w -> out.add(view(w)));
            after = page.hasNextPage() ? page.endCursor() : null;
        } while (after != null);
        ctx.json(Map.of("webhooks", out));
    }

    private void delete(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.invalidRequest("webhook id '" + ctx.pathParam("id") + "' is not a number");
        }
        if (!registry.delete(id)) {
            throw ApiException.notFound("no webhook " + id);
        }
        ctx.status(204);
    }

    private static String text(JsonNode in, String field) {
        JsonNode n = in.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Map<String, Object> view(Webhook w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("url", w.url());
        m.put("enabled", w.enabled());
        m.put("events", w.eventTypes());
        m.put("signature_profile", w.profile().id());
        m.put("body_shape", w.shape().configName());
        m.put("disabled_reason", w.disabledReason());
        m.put("created_at", w.createdAt() == null ? null : w.createdAt().toString());
        return m;
    }
}
