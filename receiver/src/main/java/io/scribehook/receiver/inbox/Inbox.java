package io.scribehook.receiver.inbox;

import io.scribehook.core.event.EventTypes;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.store.Database;
import io.scribehook.store.StoreException;
import io.scribehook.store.StoreUnavailableException;
import io.scribehook.store.queue.JobQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The durable inbox: stores verified webhooks and their processing jobs in batches, one transaction
 * through the group committer, labelling redeliveries seen within the dedupe window.
 */
public final class Inbox {
    /** Event types whose duplicates still schedule one coalesced refresh of the appointment. */
    static final Set<String> REFRESH_ON_DUPLICATE = Set.of(
            EventTypes.APPOINTMENT_TRANSCRIPT_AVAILABLE,
            EventTypes.APPOINTMENT_RECORDING_COMPLETED,
            EventTypes.APPOINTMENT_UPDATED);

    private final Database db;
    private final JobQueue queue;
    private final Duration dedupeWindow;
    private final Clock clock;
    private final Queue<PendingAccept> waiting = new ConcurrentLinkedQueue<>();
    /** A batch is queued on the writer and has not started taking webhooks yet. */
    private final AtomicBoolean flushQueued = new AtomicBoolean();

    public Inbox(Database db, JobQueue queue, Duration dedupeWindow, Clock clock) {
        this.db = db;
        this.queue = queue;
        this.dedupeWindow = dedupeWindow;
        this.clock = clock;
    }

    /**
     * Stores one verified webhook; returns only after the commit. Concurrent calls are stored
     * together: each waits in a queue, and one {@link AcceptBatch} on the writer takes every
     * webhook waiting when it starts (one insert for the rows, one for their jobs). A caller queues
     * a batch only when none is queued and not yet started, so every webhook is taken by the next
     * batch to start, and no caller waits for a transaction of its own.
     *
     * @throws io.scribehook.store.StoreUnavailableException when the database cannot commit
     */
    public AcceptOutcome accept(ThinEvent event, byte[] body, String profile, String keyId, String sourceIp) {
        return accept(event, body, profile, keyId, sourceIp, null);
    }

    /** {@link #accept(ThinEvent, byte[], String, String, String)} with the sender's delivery id (or null). */
    public AcceptOutcome accept(
            ThinEvent event, byte[] body, String profile, String keyId, String sourceIp, String deliveryId) {
        String bodySha = DedupeKey.sha256Hex(body);
        String dedupe = DedupeKey.of(event, bodySha);
        Instant now = clock.instant();
        NewWebhook row = new NewWebhook(
                now,
                event.isKnownType() ? WebhookStatus.ACCEPTED : WebhookStatus.IGNORED,
                null,
                event.eventType(),
                event.resourceId(),
                event.resourceType(),
                event.shape().configName(),
                profile,
                keyId,
                sourceIp,
                200,
                bodySha,
                dedupe,
                null,
                body,
                deliveryId);
        PendingAccept pending = new PendingAccept(row);
        waiting.add(pending);
        if (flushQueued.compareAndSet(false, true)) { // else a queued batch, not started yet, will take it
            AcceptBatch batch = new AcceptBatch(waiting, flushQueued, queue, dedupeWindow);
            try {
                db.writer().write(h -> batch.run(h, clock.instant()));
            } catch (RuntimeException e) {
                batch.failed(e);
                if (pending.take()) {
                    throw e; // no batch took it: nothing was stored
                }
            }
        }
        return await(pending);
    }

    /** The outcome of a webhook some batch took, once that batch's transaction has ended. */
    private AcceptOutcome await(PendingAccept pending) {
        try {
            return pending.outcome().get(db.settings().writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.take(); // if no batch took it yet, none will
            throw new StoreUnavailableException("the database did not commit within "
                    + db.settings().writeTimeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for a commit");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StoreException("write failed: " + e.getCause(), e.getCause());
        }
    }

    /** Records a refused request (no body); callers sample them ({@link RefusalSample}) and need not wait. */
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
            if (entry.isEmpty()
                    || entry.get().status() == WebhookStatus.REJECTED
                    || entry.get().status() == WebhookStatus.IGNORED) {
                return Optional.<Replayed>empty();
            }
            long target = entry.get().duplicateOf() != null ? entry.get().duplicateOf() : webhookId;
            WebhookLog.mark(
                    h,
                    target,
                    WebhookStatus.ACCEPTED,
                    "replay requested",
                    entry.get().attempts(),
                    clock.instant());
            long job = queue.enqueue(h, Jobs.processWebhook(target));
            return Optional.of(new Replayed(webhookId, target, job));
        });
    }
}
