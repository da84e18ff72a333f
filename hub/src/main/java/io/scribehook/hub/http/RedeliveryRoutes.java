package io.scribehook.hub.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.scribehook.core.http.ApiException;
import io.scribehook.core.http.JsonBody;
import io.scribehook.delivery.Redelivery;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/hub/redeliver} over the delivery engine's {@link Redelivery}: {@code {"event_id":
 * N}} queues every finished message of that event again; {@code {"failed": true, "since": instant,
 * "until": instant?}} every failed message created in {@code [since, until)} (until: now). Answers
 * {@code {"queued": n, "message_ids": [...]}}.
 */
public final class RedeliveryRoutes {
    private final Redelivery redelivery;
    private final Clock clock;

    public RedeliveryRoutes(Redelivery redelivery, Clock clock) {
        this.redelivery = redelivery;
        this.clock = clock;
    }

    public void register(RoutesConfig r) {
        r.post("/api/hub/redeliver", this::redeliver);
    }

    private void redeliver(Context ctx) {
        JsonNode in = JsonBody.object(ctx.bodyAsBytes());
        JsonNode event = in.path("event_id");
        boolean failed = in.path("failed").asBoolean(false);
        List<Long> queued;
        if (!event.isMissingNode() && !event.isNull()) {
            if (failed || in.has("since") || in.has("until")) {
                throw ApiException.invalidRequest("give event_id, or failed with since (and until), not both");
            }
            String text = event.asText();
            if (!text.matches("[1-9][0-9]{0,17}")) {
                throw ApiException.invalidRequest("event_id must be a positive whole number");
            }
            queued = redelivery.event(Long.parseLong(text));
        } else if (failed) {
            Instant since = instant(in, "since");
            if (since == null) {
                throw ApiException.invalidRequest("failed needs since (an ISO-8601 instant)");
            }
            Instant until = instant(in, "until");
            Instant to = until == null ? clock.instant() : until;
            if (!since.isBefore(to)) {
                throw ApiException.invalidRequest("since must be before until");
            }
            queued = redelivery.failed(since, to);
        } else {
            throw ApiException.invalidRequest("give event_id, or failed: true with since");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("queued", queued.size());
        out.put("message_ids", queued);
        ctx.json(out);
    }

    private static Instant instant(JsonNode in, String field) {
        JsonNode n = in.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        try {
            return Instant.parse(n.asText());
        } catch (DateTimeParseException e) {
            throw ApiException.invalidRequest(field + " must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
    }
}
