package io.scribehook.app.server;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the one error body shape of CONVENTIONS.md: {@code {"error": code, "message": text}}. */
public final class ApiError {
    private ApiError() {
    }

    public static void send(Context ctx, int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        ctx.status(status).json(body);
    }
}
