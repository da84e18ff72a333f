package io.scribehook.receiver.scribe;

import org.jdbi.v3.core.Handle;

/**
 * What happens, in the transaction that stores a note version, to tell subscribers: the seam where
 * the delivery outbox enqueues a thin {@code scribe.note_drafted} event ({@code resource_id} = the
 * appointment id, {@code resource_id_type} = {@code Appointment}, plus {@code note_version}). It runs
 * on the writer thread inside the transaction: database work only, and a failure rolls the note back.
 */
@FunctionalInterface
public interface NoteDrafted {
    /** Nothing is told (no delivery module wired yet). */
    NoteDrafted NONE = (h, appointmentId, noteVersion) -> {};

    void enqueue(Handle h, String appointmentId, int noteVersion);
}
