package io.scribehook.delivery;

import io.scribehook.core.event.ThinEvent;
import io.scribehook.core.event.ThinPayloadCodec;
import io.scribehook.delivery.registry.WebhookRegistry;
import io.scribehook.delivery.send.RetrySchedule;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.JobRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * Where any module writes an event for delivery. {@link #enqueue(Handle, ThinEvent)} runs in the
 * caller's transaction: the event row, one message per enabled webhook subscribed to its type and
 * one delivery job per message commit together with the caller's own writes, or not at all, so
 * there is no moment where an event is accepted but not queued. The subscribers are those of the
 * moment of the transaction; a webhook created later does not receive earlier events.
 */
public final class Outbox {
    /** The job queue of deliveries. */
    public static final String QUEUE = "delivery";
    /** The job kind: payload is the message id. */
    public static final String KIND = "deliver";

    private final JobQueue queue;
    private final RetrySchedule schedule;
    private final Clock clock;

    public Outbox(JobQueue queue, RetrySchedule schedule, Clock clock) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What {@link #enqueue} wrote: the event's id and one message id per subscribed webhook. */
    public record Enqueued(long eventId, List<Long> messageIds) {
        public Enqueued {
            messageIds = List.copyOf(messageIds);
        }
    }

    /** Writes {@code event} and its fan-out in the transaction of {@code h}. */
    public Enqueued enqueue(Handle h, ThinEvent event) {
        Objects.requireNonNull(event, "event");
        long now = clock.millis();
        long eventId = insertEvent(h, event, now);
        List<WebhookRegistry.Subscriber> subscribers = WebhookRegistry.subscribers(h, event.eventType());
        List<Long> messages = new ArrayList<>(subscribers.size());
        List<JobRequest> jobs = new ArrayList<>(subscribers.size());
        for (WebhookRegistry.Subscriber s : subscribers) {
            long messageId = insertMessage(h, eventId, s.id(), now);
            messages.add(messageId);
            jobs.add(job(messageId, s.shouldRetry()));
        }
        queue.enqueueAll(h, jobs);
        return new Enqueued(eventId, messages);
    }

    /**
     * A test delivery (the API's {@code sendTestWebhook}): {@code event} to the webhook {@code
     * webhookId} alone, whatever it subscribes to, one attempt without retries, in a transaction of
     * its own. The worker skips it like any message if the webhook is disabled or deleted meanwhile.
     */
    public Enqueued enqueueTest(ThinEvent event, long webhookId) {
        Objects.requireNonNull(event, "event");
        return queue.database().writer().write(h -> {
            long now = clock.millis();
            long eventId = insertEvent(h, event, now);
            long messageId = insertMessage(h, eventId, webhookId, now);
            queue.enqueueAll(h, List.of(job(messageId, false)));
            return new Enqueued(eventId, List.of(messageId));
        });
    }

    /** {@link #enqueue(Handle, ThinEvent)} in a transaction of its own; returns once committed. */
    public Enqueued enqueue(ThinEvent event) {
        return queue.database().writer().write(h -> enqueue(h, event));
    }

    private static long insertEvent(Handle h, ThinEvent event, long now) {
        return h.createQuery("INSERT INTO delivery_events (event_type, resource_id, resource_type, body,"
                        + " created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")
                .bind(0, event.eventType())
                .bind(1, event.resourceId())
                .bind(2, event.resourceType())
                .bind(3, new String(ThinPayloadCodec.encodeReference(event), StandardCharsets.UTF_8))
                .bind(4, now)
                .mapTo(long.class)
                .one();
    }

    private static long insertMessage(Handle h, long eventId, long webhookId, long now) {
        return h.createQuery("INSERT INTO delivery_messages (event_id, webhook_id, status, created_at,"
                        + " updated_at) VALUES (?, ?, 'pending', ?, ?) RETURNING id")
                .bind(0, eventId)
                .bind(1, webhookId)
                .bind(2, now)
                .bind(3, now)
                .mapTo(long.class)
                .one();
    }

    JobRequest job(long messageId, boolean shouldRetry) {
        return JobRequest.of(QUEUE, KIND, Long.toString(messageId))
                .withMaxAttempts(shouldRetry ? schedule.attempts() : 1);
    }
}
