package io.scribehook.core.event;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Wire names of the Healthie appointment event family (the AI-scribe events and their siblings).
 *
 * <p>Only this family is "known" here. Every other event type (Healthie has about 180) is still
 * accepted and stored by the receiver: senders add events, and an unknown name is never a reason
 * to reject a delivery.
 */
public final class EventTypes {
    /** Transcript capture completed, or a cloud-recording transcript became ready. */
    public static final String APPOINTMENT_TRANSCRIPT_AVAILABLE = "appointment.transcript_available";
    /** Recording began in the Zoom meeting. */
    public static final String APPOINTMENT_RECORDING_STARTED = "appointment.recording_started";
    /** Recording ended; the transcript may still be processing. */
    public static final String APPOINTMENT_RECORDING_STOPPED = "appointment.recording_stopped";
    /** Someone joined the meeting; carries host_user_id, user_name, user_email, event_ts. */
    public static final String APPOINTMENT_PARTICIPANT_JOINED = "appointment.participant_joined";
    /** Someone left the meeting; same extras as {@link #APPOINTMENT_PARTICIPANT_JOINED}. */
    public static final String APPOINTMENT_PARTICIPANT_LEFT = "appointment.participant_left";
    /** The cloud recording files are complete. */
    public static final String APPOINTMENT_RECORDING_COMPLETED = "appointment.recording_completed";
    /** Transcript processing began. */
    public static final String APPOINTMENT_TRANSCRIPT_STARTED = "appointment.transcript_started";
    /** Transcript processing failed. */
    public static final String APPOINTMENT_TRANSCRIPT_FAILED = "appointment.transcript_failed";
    /** Appointment created; carries resource_organization_id. */
    public static final String APPOINTMENT_CREATED = "appointment.created";
    /** Appointment updated; carries changed_fields and resource_organization_id. */
    public static final String APPOINTMENT_UPDATED = "appointment.updated";
    /** Appointment deleted. */
    public static final String APPOINTMENT_DELETED = "appointment.deleted";
    /** A patient was added to the appointment. */
    public static final String APPOINTMENT_PATIENT_ADDED = "appointment.patient_added";
    /** A patient was removed from the appointment. */
    public static final String APPOINTMENT_PATIENT_REMOVED = "appointment.patient_removed";
    /**
     * Ours, not Healthie's: a note version was drafted for the appointment; resource_id is the
     * appointment id, with note_version.
     */
    public static final String SCRIBE_NOTE_DRAFTED = "scribe.note_drafted";
    /**
     * Ours, not Healthie's: the first participant joined the appointment's meeting (the guide's
     * {@code notifyMeetingStart}); resource_id is the appointment id, with {@code host_user_id} and
     * {@code event_ts} when known, never names or emails. Sent once per appointment.
     */
    public static final String SCRIBE_MEETING_STARTED = "scribe.meeting_started";

    private static final Set<String> APPOINTMENT_FAMILY = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
            APPOINTMENT_TRANSCRIPT_AVAILABLE,
            APPOINTMENT_RECORDING_STARTED,
            APPOINTMENT_RECORDING_STOPPED,
            APPOINTMENT_PARTICIPANT_JOINED,
            APPOINTMENT_PARTICIPANT_LEFT,
            APPOINTMENT_RECORDING_COMPLETED,
            APPOINTMENT_TRANSCRIPT_STARTED,
            APPOINTMENT_TRANSCRIPT_FAILED,
            APPOINTMENT_CREATED,
            APPOINTMENT_UPDATED,
            APPOINTMENT_DELETED,
            APPOINTMENT_PATIENT_ADDED,
            APPOINTMENT_PATIENT_REMOVED)));

    private EventTypes() {}

    /**
     * Tells whether a wire name belongs to the appointment family. Exact, case-sensitive match;
     * {@code null} is not known. A {@code false} answer never means "reject".
     */
    public static boolean isKnown(String eventType) {
        return eventType != null && APPOINTMENT_FAMILY.contains(eventType);
    }

    /** The thirteen appointment-family wire names, unmodifiable, in a stable order (the four the guide names first). */
    public static Set<String> appointmentFamily() {
        return APPOINTMENT_FAMILY;
    }
}
