package io.scribehook.hub.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.scribehook.core.http.ApiException;
import io.scribehook.core.http.JsonBody;
import io.scribehook.hub.keys.ApiKey;
import io.scribehook.hub.keys.ApiKeys;
import io.scribehook.hub.keys.NewApiKey;
import io.scribehook.hub.simulate.MeetingRequest;
import io.scribehook.hub.simulate.MeetingSimulator;
import io.scribehook.hub.trigger.EventTrigger;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hub's admin API under {@code /api/hub} (the app guards it with the admin token): {@code POST
 * /api/hub/api-keys} creates a key and answers its value, once; {@code GET /api/hub/api-keys}
 * lists keys without secrets; {@code POST /api/hub/simulate/meeting} plays a simulated video visit
 * through the hub's own {@code /zoom/webhooks} ({@code {participants, minutes, encounter}}, all
 * optional) and answers what it posted; {@code POST /api/hub/trigger} raises one appointment event
 * ({@code {event_type, appointment_id?}}) with the fixtures it needs (see {@link EventTrigger}).
 */
public final class HubAdminRoutes {
    private final ApiKeys keys;
    private final Optional<MeetingSimulator> simulator;
    private final EventTrigger trigger;

    /** @param simulator empty when no Zoom secret token is set (the simulator signs with it) */
    public HubAdminRoutes(ApiKeys keys, Optional<MeetingSimulator> simulator, EventTrigger trigger) {
        this.keys = keys;
        this.simulator = simulator;
        this.trigger = trigger;
    }

    public void register(RoutesConfig r) {
        r.post("/api/hub/api-keys", this::create);
        r.get("/api/hub/api-keys", this::list);
        r.delete("/api/hub/api-keys/{id}", this::revoke);
        r.post("/api/hub/simulate/meeting", this::simulate);
        r.post("/api/hub/trigger", this::trigger);
    }

    private void trigger(Context ctx) {
        JsonNode in = JsonBody.object(ctx.bodyAsBytes());
        JsonNode type = in.path("event_type");
        if (!type.isTextual() || type.asText().isBlank()) {
            throw ApiException.invalidRequest(
                    "event_type is required; valid: " + String.join(", ", EventTrigger.eventTypes()));
        }
        Long appointment = null;
        JsonNode id = in.path("appointment_id");
        if (!id.isMissingNode() && !id.isNull()) {
            String text = id.asText();
            if (!text.matches("[1-9][0-9]{0,17}")) {
                throw ApiException.invalidRequest("appointment_id must be a positive whole number");
            }
            appointment = Long.parseLong(text);
        }
        EventTrigger.Triggered t;
        try {
            t = trigger.trigger(type.asText(), appointment);
        } catch (EventTrigger.Refused e) {
            throw new ApiException(e.code().equals("unknown_event_type") ? 400 : 409, e.code(), e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("event_type", t.eventType());
        out.put("appointment_id", t.appointmentId());
        out.put("created", t.fixtures());
        out.put("changed_fields", t.event().changedFields());
        ctx.status(200).json(out);
    }

    private void create(Context ctx) {
        String name = null;
        byte[] body = ctx.bodyAsBytes();
        if (body.length > 0) {
            JsonNode n = JsonBody.object(body).get("name");
            if (n != null && !n.isNull()) {
                if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > 200) {
                    throw ApiException.invalidRequest("name must be a string of 1 to 200 characters");
                }
                name = n.asText();
            }
        }
        NewApiKey created = keys.create(name);
        Map<String, Object> out = view(created.key());
        out.put("api_key", created.value());
        ctx.status(201).header("Cache-Control", "no-store").json(out);
    }

    private void revoke(Context ctx) {
        String id = ctx.pathParam("id");
        if (!keys.revoke(id)) {
            throw new ApiException(404, "not_found", "no active API key has the id " + id);
        }
        ctx.status(204);
    }

    private void list(Context ctx) {
        List<Map<String, Object>> list =
                keys.list().stream().map(HubAdminRoutes::view).toList();
        ctx.json(Map.of("api_keys", list));
    }

    private void simulate(Context ctx) throws InterruptedException {
        if (simulator.isEmpty()) {
            throw new ApiException(
                    409,
                    "zoom_not_configured",
                    "the simulator posts signed Zoom events: set SCRIBEHOOK_ZOOM_SECRET_TOKEN");
        }
        byte[] body = ctx.bodyAsBytes();
        JsonNode in = body.length == 0 ? null : JsonBody.object(body);
        MeetingRequest request;
        try {
            request = new MeetingRequest(
                    integer(in, "participants", 2),
                    in == null
                                    || in.path("minutes").isMissingNode()
                                    || in.path("minutes").isNull()
                            ? null
                            : integer(in, "minutes", 0),
                    in == null || !in.path("encounter").isTextual()
                            ? null
                            : in.path("encounter").asText());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidRequest(e.getMessage());
        }
        String host = ctx.req().getLocalAddr();
        URI self = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + ctx.req().getLocalPort());
        MeetingSimulator.Result result;
        try {
            result = simulator.get().run(self, request);
        } catch (IOException e) {
            throw new ApiException(502, "simulation_failed", "the simulated meeting stopped: " + e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("appointment_id", result.appointment().idText());
        out.put("meeting_id", result.meetingId());
        out.put("encounter", result.encounter());
        out.put(
                "events",
                result.events().stream()
                        .map(p -> Map.of("event", p.event(), "at", p.at().toString(), "status", p.status()))
                        .toList());
        ctx.status(200).json(out);
    }

    private static int integer(JsonNode in, String field, int fallback) {
        if (in == null || in.path(field).isMissingNode() || in.path(field).isNull()) {
            return fallback;
        }
        if (!in.path(field).canConvertToInt() || !in.path(field).isIntegralNumber()) {
            throw new IllegalArgumentException(field + " must be a whole number");
        }
        return in.path(field).asInt();
    }

    private static Map<String, Object> view(ApiKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key_id", k.keyId());
        m.put("name", k.name());
        m.put("created_at", k.createdAt().toString());
        m.put("revoked_at", k.revokedAt() == null ? null : k.revokedAt().toString());
        return m;
    }
}
