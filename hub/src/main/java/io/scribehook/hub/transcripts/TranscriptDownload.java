package io.scribehook.hub.transcripts;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.scribehook.core.http.ApiException;
import io.scribehook.hub.appointments.Transcripts;
import io.scribehook.store.Database;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /hub/transcripts/{id}/transcript.vtt?token=...}: the WebVTT file behind an {@code
 * expiring_url}. A missing, altered or foreign token is {@code 403 url_invalid}, an intact but
 * expired one {@code 403 url_expired}; a valid token for a transcript without text is {@code 404}.
 */
public final class TranscriptDownload implements Handler {
    private static final Logger LOG = LoggerFactory.getLogger(TranscriptDownload.class);
    private static final ApiException INVALID =
            new ApiException(403, "url_invalid", "this transcript URL is not valid; fetch a new expiring_url");
    private static final ApiException EXPIRED =
            new ApiException(403, "url_expired", "this transcript URL has expired; fetch a new expiring_url");
    private final Database db;
    private final TranscriptLinks links;

    public TranscriptDownload(Database db, TranscriptLinks links) {
        this.db = db;
        this.links = links;
    }

    @Override
    public void handle(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw INVALID;
        }
        switch (links.check(id, ctx.queryParam("token"))) {
            case INVALID -> {
                LOG.info("transcript {} download refused: invalid token", id);
                throw INVALID;
            }
            case EXPIRED -> throw EXPIRED;
            case VALID -> {}
        }
        Optional<String> vtt = db.withHandle(h -> Transcripts.content(h, id));
        if (vtt.isEmpty()) {
            throw ApiException.notFound("transcript " + id + " has no text to download");
        }
        ctx.status(200)
                .header("Cache-Control", "no-store")
                .contentType("text/vtt; charset=utf-8")
                .result(vtt.get());
    }
}
