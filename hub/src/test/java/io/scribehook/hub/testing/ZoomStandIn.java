package io.scribehook.hub.testing;

import io.javalin.Javalin;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Zoom's file server as a test double: {@code GET /rec/download/{file}} answers the WebVTT it was
 * given when the request carries {@code Authorization: Bearer <token>}, 401 otherwise, 404 for other
 * files. Remembers the Authorization headers it saw.
 */
public final class ZoomStandIn implements AutoCloseable {
    private final Javalin javalin;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    private ZoomStandIn(String token, String fileId, String vtt) {
        javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.routes.get("/rec/download/{file}", ctx -> {
                String auth = ctx.header("Authorization");
                authorizations.add(auth == null ? "" : auth);
                if (!("Bearer " + token).equals(auth)) {
                    ctx.status(401).result("{\"code\":124,\"message\":\"Invalid access token.\"}");
                } else if (!ctx.pathParam("file").equals(fileId)) {
                    ctx.status(404).result("{\"code\":3301,\"message\":\"This recording does not exist.\"}");
                } else {
                    ctx.contentType("text/vtt").result(vtt);
                }
            });
        });
        javalin.start();
    }

    public static ZoomStandIn start(String token, String fileId, String vtt) {
        return new ZoomStandIn(token, fileId, vtt);
    }

    public String downloadUrl(String fileId) {
        return "http://127.0.0.1:" + javalin.port() + "/rec/download/" + fileId;
    }

    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
