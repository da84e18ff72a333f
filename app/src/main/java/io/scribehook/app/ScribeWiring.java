package io.scribehook.app;

import io.scribehook.core.event.BodyShape;
import io.scribehook.core.event.EventTypes;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.delivery.Outbox;
import io.scribehook.receiver.process.MeetingStarted;
import io.scribehook.receiver.scribe.NoteDrafted;
import io.scribehook.receiver.scribe.ScribeSetup;
import io.scribehook.scribe.ScribePipeline;
import io.scribehook.scribe.note.NoteTemplates;
import java.util.List;

/** How the receiver's transcript jobs draft notes in this process. */
final class ScribeWiring {
    private ScribeWiring() {}

    /**
     * The standard offline pipeline (role detection, clinical extraction, the offline writer) with
     * the H&amp;P template. Each stored note version is announced as a thin {@code
     * scribe.note_drafted} event ({@code resource_id} = appointment id, {@code note_version}) through
     * the delivery outbox, in the transaction that stores the note; an appointment's first recorded
     * join as a thin {@code scribe.meeting_started} ({@code host_user_id} and {@code event_ts} when
     * known, no names or emails), in the transaction that records the join.
     */
    static ScribeSetup offline(Outbox outbox) {
        NoteDrafted announce = (h, appointmentId, version) -> outbox.enqueue(
                h,
                ThinEvent.of(EventTypes.SCRIBE_NOTE_DRAFTED, appointmentId, "Appointment", BodyShape.REFERENCE)
                        .withNoteVersion(version));
        return new ScribeSetup(ScribePipeline.offline(), NoteTemplates.builtIn("hp"), announce, meetingStarted(outbox));
    }

    /** Announces the first join of an appointment through the outbox, without the participant's name or email. */
    static MeetingStarted meetingStarted(Outbox outbox) {
        return (h, appointmentId, join) -> outbox.enqueue(
                h,
                new ThinEvent(
                        EventTypes.SCRIBE_MEETING_STARTED,
                        appointmentId,
                        "Appointment",
                        List.of(),
                        BodyShape.REFERENCE,
                        join.hostUserId(),
                        null,
                        null,
                        join.eventTs(),
                        null,
                        null,
                        join.organizationId(),
                        null));
    }
}
