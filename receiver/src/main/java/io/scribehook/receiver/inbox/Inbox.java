package io.scribehook.receiver.inbox;

import io.scribehook.core.event.EventTypes;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.store.Database;
import io.scribehook.store.queue.JobQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The durable inbox: stores a verified webhook and its processing job in one transaction (through
 * the group committer), labelling redeliveries seen within the dedupe window.
 */
public final class Inbox {
    /** Event types whose duplicates still schedule one coalesced refresh of the appointment. */
    static final Set<String> REFRESH_ON_DUPLICATE = Set.of(EventTypes.APPOINTMENT_TRANSCRIPT_AVAILABLE,
            EventTypes.APPOINTMENT_RECORDING_COMPLETED, EventTypes.APPOINTMENT_UPDATED);

    private final Database db;
    private final JobQueue queue;
    private final Duration dedupeWindow;
    private final Clock clock;

    public Inbox(Database db, JobQueue queue, Duration dedupeWindow, Clock clock) {
        this.db = db;
        this.queue = queue;
        this.dedupeWindow = dedupeWindow;
        this.clock = clock;
    }

    /**
     * Stores one verified webhook; returns only after the commit.
     *
     * @throws io.scribehook.store.StoreUnavailableException when the database cannot commit
     */
    public AcceptOutcome accept(ThinEvent event, byte[] body, String profile, String keyId, String sourceIp) {
        String bodySha = DedupeKey.sha256Hex(body);
        String dedupe = DedupeKey.of(event, bodySha);
        return db.writer().write(h -> {
            Instant now = clock.instant();
            var original = WebhookLog.firstWithDedupeKey(h, event.resourceId(), dedupe, now.minus(dedupeWindow));
            WebhookStatus status = original.isPresent() ? WebhookStatus.DUPLICATE
                    : event.isKnownType() ? WebhookStatus.ACCEPTED : WebhookStatus.IGNORED;
            long id = WebhookLog.insert(h, new NewWebhook(now, status, status == WebhookStatus.IGNORED ? "unknown event type" : null,
                    event.eventType(), event.resourceId(), event.resourceType(), event.shape().configName(),
                    profile, keyId, sourceIp, 200, bodySha, dedupe, original.orElse(null), body));
            if (original.isPresent()) {
                boolean refresh = REFRESH_ON_DUPLICATE.contains(event.eventType())
                        && queue.offer(h, Jobs.refresh(event.resourceId())).inserted();
                return new AcceptOutcome.Duplicate(id, original.get(), refresh);
            }
            if (status == WebhookStatus.IGNORED) {
                return new AcceptOutcome.Ignored(id);
            }
            long job = queue.enqueue(h, Jobs.processWebhook(id));
            return new AcceptOutcome.Accepted(id, job);
        });
    }

    /** Records a refused request (no body). Best effort: callers do not wait for it. */
    public void logRejection(String reason, String sourceIp, int httpStatus) {
        Instant now = clock.instant();
        db.writer().write(h -> WebhookLog.insert(h, NewWebhook.rejected(now, reason, sourceIp, httpStatus)));
    }

    /**
     * Queues a stored webhook for processing again (a duplicate replays its original, and the
     * answer names it). Empty when the id is unknown, was rejected, or was ignored (nothing to run).
     */
    public Optional<Replayed> replay(long webhookId) {
        return db.writer().write(h -> {
            Optional<WebhookEntry> entry = WebhookLog.find(h, webhookId);
            if (entry.isEmpty() || entry.get().status() == WebhookStatus.REJECTED || entry.get().status() == WebhookStatus.IGNORED) {
                return Optional.<Replayed>empty();
            }
            long target = entry.get().duplicateOf() != null ? entry.get().duplicateOf() : webhookId;
            WebhookLog.mark(h, target, WebhookStatus.ACCEPTED, "replay requested", entry.get().attempts(), clock.instant());
            long job = queue.enqueue(h, Jobs.processWebhook(target));
            return Optional.of(new Replayed(webhookId, target, job));
        });
    }
}
