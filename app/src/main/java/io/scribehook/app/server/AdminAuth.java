package io.scribehook.app.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.scribehook.core.http.ApiException;

/** Guards {@code /api/*}: missing bearer token → 401 auth_required, wrong → 403 auth_invalid. */
public final class AdminAuth implements Handler {
    private final AdminToken token;

    public AdminAuth(AdminToken token) {
        this.token = token;
    }

    @Override
    public void handle(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw new ApiException(401, "auth_required", "send the admin token as 'Authorization: Bearer <token>'")
                    .withHeader("WWW-Authenticate", ErrorMapping.BEARER_CHALLENGE);
        }
        String presented = header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim()
                : null;
        if (!token.matches(presented)) {
            throw new ApiException(403, "auth_invalid", "the admin token is not valid");
        }
    }
}
