package io.scribehook.receiver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.scribehook.core.http.ApiException;
import io.scribehook.core.http.JsonBody;
import io.scribehook.receiver.inbox.Inbox;
import io.scribehook.receiver.inbox.Replayed;
import io.scribehook.receiver.inbox.WebhookEntry;
import io.scribehook.receiver.inbox.WebhookFilter;
import io.scribehook.receiver.inbox.WebhookLog;
import io.scribehook.receiver.inbox.WebhookStatus;
import io.scribehook.receiver.process.AppointmentSnapshots;
import io.scribehook.receiver.process.Attendance;
import io.scribehook.receiver.process.ParticipantKeys;
import io.scribehook.receiver.process.RecordingLifecycle;
import io.scribehook.receiver.process.RecordingState;
import io.scribehook.receiver.process.Transcripts;
import io.scribehook.receiver.secrets.SecretStore;
import io.scribehook.receiver.secrets.VerifierSource;
import io.scribehook.signatures.WebhookSecret;
import io.scribehook.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The receiver's admin API under {@code /api/receiver} (the app guards it with the admin token):
 * webhook log listing and detail, replay, secrets, and an appointment's tracked state. Refusals
 * are thrown as {@link ApiException}s; the server writes them.
 */
public final class ReceiverAdminRoutes {
    private static final int MAX_PAGE = 500;
    private static final int MAX_BULK_REPLAY = 1000;
    private final Database db;
    private final Inbox inbox;
    private final VerifierSource verifiers;
    private final List<WebhookSecret> configuredSecrets;
    private final Clock clock;

    public ReceiverAdminRoutes(
            Database db, Inbox inbox, VerifierSource verifiers, List<WebhookSecret> configuredSecrets, Clock clock) {
        this.db = db;
        this.inbox = inbox;
        this.verifiers = verifiers;
        this.configuredSecrets = configuredSecrets;
        this.clock = clock;
    }

    public void register(RoutesConfig r) {
        r.get("/api/receiver/webhooks", this::list);
        r.get("/api/receiver/webhooks/{id}", this::show);
        r.post("/api/receiver/webhooks/{id}/replay", this::replayOne);
        r.post("/api/receiver/replay", this::replayFailed);
        r.get("/api/receiver/secrets", this::listSecrets);
        r.post("/api/receiver/secrets", this::addSecret);
        r.delete("/api/receiver/secrets/{id}", this::deleteSecret);
        r.get("/api/receiver/appointments/{id}", this::appointment);
    }

    private void list(Context ctx) {
        WebhookFilter f = new WebhookFilter(
                ctx.queryParam("event"),
                Optional.ofNullable(ctx.queryParam("status"))
                        .map(
                                s -> WebhookStatus.byId(s)
                                        .orElseThrow(
                                                () -> ApiException.invalidRequest(
                                                        "status '" + s
                                                                + "' is not one of accepted, duplicate, rejected, ignored, processed, failed, dead")))
                        .orElse(null),
                ctx.queryParam("resource_id"),
                Optional.ofNullable(ctx.queryParam("since")).map(this::time).orElse(null),
                Optional.ofNullable(ctx.queryParam("until")).map(this::time).orElse(null),
                Optional.ofNullable(ctx.queryParam("cursor"))
                        .map(ReceiverAdminRoutes::id)
                        .orElse(null),
                Optional.ofNullable(ctx.queryParam("limit"))
                        .map(ReceiverAdminRoutes::limit)
                        .orElse(50));
        List<WebhookEntry> rows = db.jdbi().withHandle(h -> WebhookLog.list(h, f));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", rows.stream().map(ReceiverAdminRoutes::json).toList());
        body.put(
                "next_cursor",
                rows.size() == f.limit()
                        ? Long.toString(rows.get(rows.size() - 1).id())
                        : null);
        ctx.json(body);
    }

    private void show(Context ctx) {
        long id = id(ctx.pathParam("id"));
        WebhookEntry e = db.jdbi()
                .withHandle(h -> WebhookLog.find(h, id))
                .orElseThrow(() -> ApiException.notFound("no webhook " + id + " in the log"));
        ctx.json(json(e));
    }

    private void replayOne(Context ctx) {
        long id = id(ctx.pathParam("id"));
        Replayed job = inbox.replay(id)
                .orElseThrow(() -> ApiException.notFound(
                        "webhook " + id + " is not in the log or has nothing to replay (rejected or ignored)"));
        ctx.status(202)
                .json(Map.of("webhook_id", id, "queued_webhook_id", job.queuedWebhookId(), "job_id", job.jobId()));
    }

    private void replayFailed(Context ctx) {
        Instant since =
                Optional.ofNullable(ctx.queryParam("since")).map(this::time).orElse(Instant.EPOCH);
        List<Long> ids = db.jdbi().withHandle(h -> WebhookLog.failedIds(h, since, MAX_BULK_REPLAY));
        List<Long> replayed = new ArrayList<>();
        for (long id : ids) {
            inbox.replay(id).ifPresent(j -> replayed.add(id));
        }
        ctx.status(202).json(Map.of("replayed", replayed.size(), "webhook_ids", replayed, "limit", MAX_BULK_REPLAY));
    }

    private void listSecrets(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (WebhookSecret s : configuredSecrets) {
            out.add(Map.of("key_id", s.keyId(), "source", "environment"));
        }
        for (SecretStore.SecretInfo s : db.jdbi().withHandle(SecretStore::list)) {
            out.add(Map.of(
                    "key_id",
                    s.keyId(),
                    "source",
                    s.source(),
                    "created_at",
                    s.createdAt().toString()));
        }
        ctx.json(Map.of("secrets", out));
    }

    private void addSecret(Context ctx) {
        ObjectNode in = JsonBody.object(ctx.bodyAsBytes());
        JsonNode secretNode = in.path("secret");
        if (!secretNode.isTextual() || secretNode.textValue().isBlank()) {
            throw ApiException.invalidRequest(
                    "send a JSON object {\"key_id\": \"...\", \"secret\": \"...\"}: \"secret\" must be a non-empty string");
        }
        JsonNode keyNode = in.path("key_id");
        if (!keyNode.isMissingNode() && !keyNode.isNull() && !keyNode.isTextual()) {
            throw ApiException.invalidRequest("\"key_id\" must be a string");
        }
        String secret = secretNode.textValue();
        String key =
                keyNode.isTextual() && !keyNode.textValue().isBlank() ? keyNode.textValue() : "db-" + clock.millis();
        if (key.length() > 200 || key.startsWith("env-")) {
            throw ApiException.invalidRequest("\"key_id\" must be at most 200 characters and must not start with env-");
        }
        db.writer().write(h -> {
            SecretStore.put(h, key, secret, clock.instant());
            return null;
        });
        verifiers.reload();
        ctx.status(201).json(Map.of("key_id", key, "secrets_in_use", verifiers.secretCount()));
    }

    /** Removes a stored secret; environment secrets are configuration, not removable here (409). */
    private void deleteSecret(Context ctx) {
        String key = ctx.pathParam("id");
        if (key.startsWith("env-")) {
            throw new ApiException(
                    409, "environment_secret", key + " comes from SCRIBEHOOK_WEBHOOK_SECRETS: remove it there");
        }
        boolean deleted = db.writer().write(h -> SecretStore.delete(h, key));
        if (!deleted) {
            throw new ApiException(404, "not_found", "no stored secret has the id " + key);
        }
        verifiers.reload();
        ctx.status(204);
    }

    /**
     * What the receiver tracks for one appointment; 404 when it has never seen it: no snapshot, no
     * recording lifecycle, no attendance, no transcript and no webhook naming it as resource id.
     */
    private void appointment(Context ctx) {
        String id = ctx.pathParam("id");
        ParticipantKeys participants = ParticipantKeys.of(db, clock).load();
        Optional<Map<String, Object>> body = db.jdbi().withHandle(h -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("appointment_id", id);
            AppointmentSnapshots.state(h, id).ifPresent(snapshot -> m.put("snapshot", snapshot));
            RecordingLifecycle.find(h, id).ifPresent(r -> m.put("recording", json(r)));
            List<?> attendance = Attendance.list(h, id, participants);
            List<?> transcripts = Transcripts.ids(h, id);
            m.put("attendance", attendance);
            m.put("transcript_ids", transcripts);
            boolean seen = m.containsKey("snapshot")
                    || m.containsKey("recording")
                    || !attendance.isEmpty()
                    || !transcripts.isEmpty()
                    || WebhookLog.anyForResource(h, id);
            return seen ? Optional.of(m) : Optional.empty();
        });
        ctx.json(body.orElseThrow(
                () -> ApiException.notFound("appointment " + id + " has never been seen by this receiver")));
    }

    private static Map<String, Object> json(RecordingState r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", r.state());
        m.put("recording_started_at", str(r.recordingStartedAt()));
        m.put("recording_stopped_at", str(r.recordingStoppedAt()));
        m.put("recording_completed_at", str(r.recordingCompletedAt()));
        m.put("transcript_started_at", str(r.transcriptStartedAt()));
        m.put("transcript_available_at", str(r.transcriptAvailableAt()));
        m.put("transcript_failed_at", str(r.transcriptFailedAt()));
        m.put(
                "recording_duration_seconds",
                r.recordingDuration() == null ? null : r.recordingDuration().toSeconds());
        m.put("first_arrival_at", str(r.firstArrivalAt()));
        m.put("last_arrival_at", str(r.lastArrivalAt()));
        return m;
    }

    static Map<String, Object> json(WebhookEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("received_at", str(e.receivedAt()));
        m.put("updated_at", str(e.updatedAt()));
        m.put("status", e.status().id());
        m.put("reason", e.reason());
        m.put("event_type", e.eventType());
        m.put("resource_id", e.resourceId());
        m.put("resource_type", e.resourceType());
        m.put("body_shape", e.bodyShape());
        m.put("profile", e.profile());
        m.put("key_id", e.keyId());
        m.put("source_ip", e.sourceIp());
        m.put("http_status", e.httpStatus());
        m.put("duplicate_of", e.duplicateOf());
        m.put("attempts", e.attempts());
        m.put("processed_at", str(e.processedAt()));
        m.put("body_sha256", e.bodySha256());
        m.put("delivery_id", e.deliveryId());
        return m;
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }

    private Instant time(String text) {
        try {
            return TimeParam.parse(text, clock);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidRequest(e.getMessage());
        }
    }

    private static long id(String text) {
        try {
            long v = Long.parseLong(text);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.invalidRequest("'" + text + "' is not a webhook id (a positive integer)");
    }

    private static int limit(String text) {
        try {
            int v = Integer.parseInt(text);
            if (v >= 1 && v <= MAX_PAGE) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.invalidRequest("limit '" + text + "' must be an integer from 1 to " + MAX_PAGE);
    }
}
