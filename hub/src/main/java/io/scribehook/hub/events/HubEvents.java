package io.scribehook.hub.events;

import io.scribehook.core.event.ThinEvent;
import org.jdbi.v3.core.Handle;

/**
 * Where the hub sends the events it raises (appointment created, recording started, transcript
 * available, ...). {@link #emit} is called inside the transaction that changed the appointment,
 * with that transaction's handle: an implementation that queues deliveries must write them through
 * {@code tx}, so the change and its deliveries commit together or not at all (the outbox rule).
 *
 * <p>Implementations must not block on anything but {@code tx}, and must tolerate being called
 * again for the same change: a group-committed transaction may run twice when its connection is lost
 * before the commit.
 */
@FunctionalInterface
public interface HubEvents {
    /** Records {@code event} in the transaction {@code tx}. */
    void emit(Handle tx, ThinEvent event);
}
