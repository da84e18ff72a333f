package io.scribehook.receiver.inbox;

import io.scribehook.store.GroupCommitter;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.JobRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Handle;

/**
 * One group-committed unit that stores every webhook waiting at the moment it first runs: decides
 * which are redeliveries, inserts the rows with one statement and their processing jobs with
 * another, and completes their outcomes after the commit. A unit the committer runs again (after a
 * rollback or a lost connection) stores the same webhooks again; one that fails for good fails them.
 *
 * <p>Redeliveries: one query looks up the whole batch's dedupe keys through the resource index
 * (measured: one query a batch on the writer costs less than a read per request on a reader
 * connection, whose Jdbi and pool overhead lands on the request threads); redeliveries inside one
 * batch are found as well. With one SQLite writer this is race-free; PostgreSQL's writers run
 * batches side by side, so two copies arriving at the same instant may both be accepted (the
 * handlers are idempotent).
 */
final class AcceptBatch {
    private final Queue<PendingAccept> waiting;
    private final AtomicBoolean queued;
    private final JobQueue queue;
    private final Duration dedupeWindow;
    private List<PendingAccept> items;

    AcceptBatch(Queue<PendingAccept> waiting, AtomicBoolean queued, JobQueue queue, Duration dedupeWindow) {
        this.waiting = waiting;
        this.queued = queued;
        this.queue = queue;
        this.dedupeWindow = dedupeWindow;
    }

    /** The unit's work; runs on the writer, maybe more than once. */
    Void run(Handle h, Instant now) {
        if (items == null) {
            queued.set(false); // webhooks added from now on need the next batch
            items = new ArrayList<>();
            PendingAccept p;
            while ((p = waiting.poll()) != null) {
                if (p.take()) {
                    items.add(p);
                }
            }
        }
        if (items.isEmpty()) {
            return null;
        }
        Instant since = now.minus(dedupeWindow);
        Map<String, Long> inDatabase = WebhookLog.firstWithDedupeKeys(
                h, items.stream().map(PendingAccept::row).toList(), since);
        List<NewWebhook> rows = new ArrayList<>(items.size());
        List<Integer> laterInBatch = new ArrayList<>();
        Map<String, Integer> firstInBatch = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            PendingAccept p = items.get(i);
            NewWebhook w = p.row();
            String key = w.dedupeKey();
            Long original = key == null ? null : inDatabase.get(key);
            if (original == null && key != null && firstInBatch.putIfAbsent(key, i) != null) {
                laterInBatch.add(i);
                rows.add(null);
                continue;
            }
            WebhookStatus status = original != null
                    ? WebhookStatus.DUPLICATE
                    : w.status() == WebhookStatus.IGNORED ? WebhookStatus.IGNORED : WebhookStatus.ACCEPTED;
            rows.add(w.as(now, status, original));
        }
        List<NewWebhook> firsts = rows.stream().filter(r -> r != null).toList();
        List<Long> firstIds = WebhookLog.insertAll(h, firsts);
        long[] ids = new long[items.size()];
        for (int i = 0, f = 0; i < rows.size(); i++) {
            if (rows.get(i) != null) {
                ids[i] = firstIds.get(f++);
            }
        }
        if (!laterInBatch.isEmpty()) {
            List<NewWebhook> dups = new ArrayList<>(laterInBatch.size());
            for (int i : laterInBatch) {
                long original = ids[firstInBatch.get(items.get(i).row().dedupeKey())];
                NewWebhook dup = items.get(i).row().as(now, WebhookStatus.DUPLICATE, original);
                rows.set(i, dup);
                dups.add(dup);
            }
            List<Long> dupIds = WebhookLog.insertAll(h, dups);
            for (int k = 0; k < laterInBatch.size(); k++) {
                ids[laterInBatch.get(k)] = dupIds.get(k);
            }
        }
        List<JobRequest> jobs = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).status() == WebhookStatus.ACCEPTED) {
                jobs.add(Jobs.processWebhook(ids[i]));
            }
        }
        List<Long> jobIds = queue.enqueueAll(h, jobs);
        AcceptOutcome[] outcomes = new AcceptOutcome[items.size()];
        for (int i = 0, j = 0; i < rows.size(); i++) {
            NewWebhook r = rows.get(i);
            outcomes[i] = switch (r.status()) {
                case ACCEPTED -> new AcceptOutcome.Accepted(ids[i], jobIds.get(j++));
                case DUPLICATE ->
                    new AcceptOutcome.Duplicate(
                            ids[i],
                            r.duplicateOf(),
                            Inbox.REFRESH_ON_DUPLICATE.contains(r.eventType())
                                    && queue.offer(h, Jobs.refresh(r.resourceId()))
                                            .inserted());
                default -> new AcceptOutcome.Ignored(ids[i]);
            };
        }
        GroupCommitter.afterCommit(h, () -> {
            for (int i = 0; i < outcomes.length; i++) {
                items.get(i).outcome().complete(outcomes[i]);
            }
        });
        return null;
    }

    /** The transaction did not commit (for good): nothing of this batch was stored. */
    void failed(RuntimeException e) {
        if (items == null) {
            queued.set(false); // it never started: let the next caller queue one
        } else {
            items.forEach(p -> p.outcome().completeExceptionally(e));
        }
    }
}
