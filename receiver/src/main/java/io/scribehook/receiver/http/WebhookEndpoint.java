package io.scribehook.receiver.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.scribehook.core.event.ParseResult;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.core.event.ThinPayloadCodec;
import io.scribehook.core.http.ApiException;
import io.scribehook.receiver.guard.IpLiteral;
import io.scribehook.receiver.guard.SourceAddressGuard;
import io.scribehook.receiver.inbox.AcceptOutcome;
import io.scribehook.receiver.inbox.Inbox;
import io.scribehook.receiver.inbox.IntakePressure;
import io.scribehook.receiver.inbox.RefusalSample;
import io.scribehook.receiver.secrets.VerifierSource;
import io.scribehook.signatures.HttpFields;
import io.scribehook.signatures.HttpMessage;
import io.scribehook.signatures.VerificationResult;
import io.scribehook.store.StoreException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST SCRIBEHOOK_WEBHOOK_PATH}: source address, size, content type, Content-Digest and
 * signature, then body; a 200 only after the webhook and its job are committed. A refusal is counted,
 * logged (one line, no body) and recorded, then thrown as an {@link ApiException} for the server to
 * write; a body that cannot be read (ends early, broken chunking, client gone, read timeout) is one
 * of them: {@code 400 incomplete_body} or {@code 408 request_timeout}, guard {@code body}.
 */
public final class WebhookEndpoint implements Handler {
    /** The challenge of every 401 (RFC 9110 requires one): sign the request. */
    public static final String CHALLENGE = "Signature realm=\"scribehook\"";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookEndpoint.class);
    private static final byte[] RECEIVED = "{\"received\":true}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DUPLICATE = "{\"received\":true,\"duplicate\":true}".getBytes(StandardCharsets.UTF_8);
    private static final ApiException STORE_UNAVAILABLE = new ApiException(
                    503, "store_unavailable", "the webhook could not be stored; retry later")
            .withHeader("Retry-After", "5");
    private static final ApiException NOT_JSON =
            new ApiException(415, "unsupported_media_type", "send Content-Type: application/json");
    private final SourceAddressGuard sourceGuard;
    private final long maxBytes;
    private final VerifierSource verifiers;
    private final Inbox inbox;
    private final ReceiverMetrics metrics;
    private final IntakePressure pressure;
    private final ApiException tooLarge;
    private final Semaphore rejectionLogSlots = new Semaphore(64);
    private final RefusalSample sample;

    public WebhookEndpoint(
            SourceAddressGuard sourceGuard,
            long maxBytes,
            VerifierSource verifiers,
            Inbox inbox,
            ReceiverMetrics metrics,
            IntakePressure pressure,
            RefusalSample sample) {
        this.sample = sample;
        this.sourceGuard = sourceGuard;
        this.maxBytes = maxBytes;
        this.tooLarge = new ApiException(413, "payload_too_large", "the body is larger than " + maxBytes + " bytes");
        this.verifiers = verifiers;
        this.inbox = inbox;
        this.metrics = metrics;
        this.pressure = pressure;
    }

    @Override
    public void handle(Context ctx) {
        HttpServletRequest req = ctx.req();
        InetAddress peer = IpLiteral.parseRemoteAddr(req.getRemoteAddr());
        String sourceIp;
        switch (sourceGuard.check(peer, list(req, "X-Forwarded-For"), list(req, "Forwarded"))) {
            case SourceAddressGuard.Denied d ->
                throw refuse(
                        "source_ip",
                        new ApiException(403, d.code(), d.message()),
                        d.client() == null ? null : IpLiteral.format(d.client()));
            case SourceAddressGuard.Allowed a -> sourceIp = IpLiteral.format(a.client());
        }
        long declared = req.getContentLengthLong();
        if (declared > maxBytes) {
            throw refuse("size", tooLarge, sourceIp);
        }
        if (!isJson(req.getContentType())) {
            throw refuse("content_type", NOT_JSON, sourceIp);
        }
        byte[] body;
        try {
            body = req.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw refuse("body", ApiException.bodyNotReceived(e), sourceIp);
        }
        if (body.length > maxBytes) {
            throw refuse("size", tooLarge, sourceIp);
        }
        String target =
                req.getQueryString() == null ? req.getRequestURI() : req.getRequestURI() + "?" + req.getQueryString();
        VerificationResult verdict = verifiers.verify(new HttpMessage(req.getMethod(), target, headers(req), body));
        if (verdict instanceof VerificationResult.Failed f) {
            String code = f.reason().code();
            throw refuse(
                    code.contains("digest") ? "digest" : "signature",
                    new ApiException(401, code, f.message()).withHeader("WWW-Authenticate", CHALLENGE),
                    sourceIp);
        }
        VerificationResult.Verified ok = (VerificationResult.Verified) verdict;
        ThinEvent event;
        switch (ThinPayloadCodec.parse(body)) {
            case ParseResult.Malformed m ->
                throw refuse("body", new ApiException(400, m.code(), m.message()), sourceIp);
            case ParseResult.Parsed p -> event = p.event();
        }
        AcceptOutcome outcome;
        pressure.entered();
        try {
            outcome = inbox.accept(
                    event, body, ok.profile().id(), ok.keyId(), sourceIp, deliveryId(req.getHeader("Webhook-Id")));
        } catch (StoreException e) {
            metrics.outcome("unavailable");
            LOG.warn(
                    "webhook not stored, answered 503 ({}): {}",
                    event.eventType(),
                    e.getClass().getSimpleName());
            throw STORE_UNAVAILABLE;
        } finally {
            pressure.left();
        }
        switch (outcome) {
            case AcceptOutcome.Accepted a -> {
                metrics.outcome("accepted");
                respond(ctx, RECEIVED);
            }
            case AcceptOutcome.Ignored i -> {
                metrics.outcome("ignored");
                LOG.info("webhook {} stored and ignored: unknown event type", i.webhookId());
                respond(ctx, RECEIVED);
            }
            case AcceptOutcome.Duplicate d -> {
                metrics.outcome("duplicate");
                LOG.info(
                        "webhook {} is a duplicate of {}{}",
                        d.webhookId(),
                        d.originalId(),
                        d.refreshScheduled() ? "; refresh scheduled" : "");
                respond(ctx, DUPLICATE);
            }
        }
    }

    /**
     * The sender's delivery id from its {@code Webhook-Id} header, when it is a plausible id (1 to
     * 128 visible ASCII characters); anything else is not kept.
     */
    static String deliveryId(String header) {
        if (header == null || header.isEmpty() || header.length() > 128) {
            return null;
        }
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return null;
            }
        }
        return header;
    }

    /**
     * Counts a refusal and, for a sample (one per reason a second), logs it and records it in the
     * webhook log; returns the answer for the caller to throw.
     */
    private ApiException refuse(String guard, ApiException answer, String sourceIp) {
        metrics.rejected(guard, answer.code());
        if (!sample.take(answer.code())) {
            return answer;
        }
        LOG.info(
                "webhook refused: {} {} (guard {}, source {}; one per reason a second is logged, all are counted)",
                answer.status(),
                answer.code(),
                guard,
                sourceIp);
        if (rejectionLogSlots.tryAcquire()) {
            Thread.ofVirtual().name("rejection-log").start(() -> {
                try {
                    inbox.logRejection(answer.code(), sourceIp, answer.status());
                } catch (RuntimeException e) {
                    LOG.debug("rejection not logged: {}", e.getClass().getSimpleName());
                } finally {
                    rejectionLogSlots.release();
                }
            });
        }
        return answer;
    }

    private static void respond(Context ctx, byte[] json) {
        ctx.status(200).contentType("application/json").result(json);
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return media.equals("application/json") || media.startsWith("application/") && media.endsWith("+json");
    }

    private static List<String> list(HttpServletRequest req, String name) {
        return Collections.list(req.getHeaders(name));
    }

    private static HttpFields headers(HttpServletRequest req) {
        HttpFields.Builder b = HttpFields.builder();
        for (String name : Collections.list(req.getHeaderNames())) {
            for (String value : Collections.list(req.getHeaders(name))) {
                b.add(name, value);
            }
        }
        return b.build();
    }
}
