package io.scribehook.hub.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.scribehook.core.http.ApiException;
import io.scribehook.core.http.JsonBody;
import io.scribehook.hub.keys.ApiKey;
import io.scribehook.hub.keys.ApiKeys;
import io.scribehook.hub.keys.NewApiKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hub's admin API under {@code /api/hub} (the app guards it with the admin token): {@code POST
 * /api/hub/api-keys} creates a key and answers its value, once; {@code GET /api/hub/api-keys}
 * lists keys without secrets.
 */
public final class HubAdminRoutes {
    private final ApiKeys keys;

    public HubAdminRoutes(ApiKeys keys) {
        this.keys = keys;
    }

    public void register(RoutesConfig r) {
        r.post("/api/hub/api-keys", this::create);
        r.get("/api/hub/api-keys", this::list);
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

    private void list(Context ctx) {
        List<Map<String, Object>> list =
                keys.list().stream().map(HubAdminRoutes::view).toList();
        ctx.json(Map.of("api_keys", list));
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
