package io.scribehook.hub.zoom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.scribehook.core.http.ApiException;
import io.scribehook.core.http.JsonBody;
import io.scribehook.signatures.VerificationResult;
import io.scribehook.signatures.ZoomSignature;
import io.scribehook.store.StoreException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /zoom/webhooks}: verifies {@code x-zm-signature} with the Zoom secret token, answers
 * {@code endpoint.url_validation} with the encrypted token, and stores any other event with its
 * processing job ({@link ZoomInbox}) before answering 200; the work itself runs later, on the hub's
 * queue. Refusals: 503 {@code zoom_not_configured} (no secret token), 413, 401 (the signature
 * check's reason code), 400 {@code malformed_json}, 503 {@code store_unavailable}.
 */
public final class ZoomEndpoint implements Handler {
    /** The route. */
    public static final String PATH = "/zoom/webhooks";

    private static final Logger LOG = LoggerFactory.getLogger(ZoomEndpoint.class);
    private static final int MAX_BYTES = 1024 * 1024;
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final ApiException NOT_CONFIGURED = new ApiException(
            503, "zoom_not_configured", "Zoom events are not accepted: SCRIBEHOOK_ZOOM_SECRET_TOKEN is not set");
    private static final ApiException TOO_LARGE =
            new ApiException(413, "payload_too_large", "the body is larger than " + MAX_BYTES + " bytes");
    private static final ApiException STORE_UNAVAILABLE = new ApiException(
                    503, "store_unavailable", "the event could not be stored; retry later")
            .withHeader("Retry-After", "5");
    private final Optional<String> secretToken;
    private final ZoomInbox inbox;
    private final Clock clock;

    public ZoomEndpoint(Optional<String> secretToken, ZoomInbox inbox, Clock clock) {
        this.secretToken = secretToken;
        this.inbox = inbox;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx) {
        if (secretToken.isEmpty()) {
            throw NOT_CONFIGURED;
        }
        if (ctx.req().getContentLengthLong() > MAX_BYTES) {
            throw TOO_LARGE;
        }
        byte[] body;
        try {
            body = ctx.req().getInputStream().readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw ApiException.bodyNotReceived(e);
        }
        if (body.length > MAX_BYTES) {
            throw TOO_LARGE;
        }
        VerificationResult verdict = ZoomSignature.verify(
                secretToken.get(),
                ctx.header("x-zm-signature"),
                ctx.header("x-zm-request-timestamp"),
                body,
                clock,
                TOLERANCE);
        if (verdict instanceof VerificationResult.Failed f) {
            LOG.info("zoom event refused: {}", f.reason().code());
            throw new ApiException(401, f.reason().code(), f.message())
                    .withHeader("WWW-Authenticate", "Signature realm=\"zoom\"");
        }
        ObjectNode json = JsonBody.object(body);
        String event = json.path("event").asText("");
        if (event.isBlank()) {
            throw ApiException.invalidRequest("the body has no \"event\"");
        }
        if (event.equals("endpoint.url_validation")) {
            String plain = json.path("payload").path("plainToken").asText("");
            if (plain.isEmpty()) {
                throw ApiException.invalidRequest("endpoint.url_validation without payload.plainToken");
            }
            ctx.status(200)
                    .json(Map.of(
                            "plainToken",
                            plain,
                            "encryptedToken",
                            ZoomSignature.encryptedToken(secretToken.get(), plain)));
            return;
        }
        String meetingId = meetingId(json);
        ZoomInbox.Accepted accepted;
        try {
            accepted = inbox.accept(event, meetingId, body);
        } catch (StoreException e) {
            LOG.warn(
                    "zoom event {} not stored, answered 503: {}",
                    event,
                    e.getClass().getSimpleName());
            throw STORE_UNAVAILABLE;
        }
        if (accepted.fresh()) {
            LOG.info("zoom event {} stored as {} (meeting {})", event, accepted.id(), meetingId);
        } else {
            LOG.info("zoom event {} is a redelivery of {}", event, accepted.id());
        }
        ctx.status(200).json(Map.of("received", true));
    }

    /** {@code payload.object.id} as text (Zoom sends a number), or null. */
    static String meetingId(JsonNode json) {
        JsonNode id = json.path("payload").path("object").path("id");
        return id.isMissingNode() || id.isNull() ? null : id.asText();
    }
}
