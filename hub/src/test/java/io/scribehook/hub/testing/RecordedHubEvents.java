package io.scribehook.hub.testing;

import io.scribehook.core.event.ThinEvent;
import io.scribehook.hub.events.HubEvents;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * A table-free {@link HubEvents} for tests: keeps every emitted event in memory, in order. It records
 * at {@code emit} time, inside the transaction, so an event of a transaction that later rolled back
 * would still be here; tests that need the outbox rule use the delivery module's outbox.
 */
public final class RecordedHubEvents implements HubEvents {
    private final List<ThinEvent> events = new ArrayList<>();

    @Override
    public synchronized void emit(Handle tx, ThinEvent event) {
        events.add(event);
    }

    /** A copy of everything emitted so far. */
    public synchronized List<ThinEvent> all() {
        return List.copyOf(events);
    }

    /** The events emitted for {@code resourceId}, in order. */
    public synchronized List<ThinEvent> forResource(String resourceId) {
        return events.stream().filter(e -> e.resourceId().equals(resourceId)).toList();
    }

    /** The event types emitted for {@code resourceId}, in order. */
    public List<String> typesFor(String resourceId) {
        return forResource(resourceId).stream().map(ThinEvent::eventType).toList();
    }
}
