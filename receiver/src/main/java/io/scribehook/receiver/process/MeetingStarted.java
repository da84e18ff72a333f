package io.scribehook.receiver.process;

import io.scribehook.core.event.ThinEvent;
import org.jdbi.v3.core.Handle;

/**
 * What happens, in the transaction that records the first participant join of an appointment, to
 * tell subscribers that its meeting started (the guide's {@code notifyMeetingStart}): the seam where
 * the delivery outbox enqueues a thin {@code scribe.meeting_started}. It runs on the writer thread
 * inside the transaction: database work only, and a failure rolls the join back (the webhook is
 * then retried). Called at most once per appointment ({@link Meetings}).
 */
@FunctionalInterface
public interface MeetingStarted {
    /** Nothing is told. */
    MeetingStarted NONE = (h, appointmentId, join) -> {};

    /** @param join the participant event that started the meeting (its names and emails are PHI: never pass them on) */
    void announce(Handle h, String appointmentId, ThinEvent join);
}
