package io.scribehook.hub.trigger;

import io.scribehook.core.event.BodyShape;
import io.scribehook.core.event.EventTypes;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.hub.appointments.Appointment;
import io.scribehook.hub.appointments.AppointmentService;
import io.scribehook.hub.appointments.Appointments;
import io.scribehook.hub.appointments.Attendance;
import io.scribehook.hub.appointments.Person;
import io.scribehook.hub.appointments.RecordingFile;
import io.scribehook.hub.appointments.RecordingFiles;
import io.scribehook.hub.appointments.Transcript;
import io.scribehook.hub.appointments.Transcripts;
import io.scribehook.hub.events.HubEvents;
import io.scribehook.store.Database;
import io.scribehook.store.Dialect;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@code scribehook hub trigger}: raises one appointment-family event as if it had happened, like
 * {@code stripe trigger}. Missing fixtures are created first, in the same transaction as the event
 * (which goes through the hub's {@link HubEvents}, the delivery outbox in a full build): the
 * appointment (with the requested id when one is given), a completed transcript for {@code
 * transcript_available}, recording files for {@code recording_completed}, an attendance row and
 * participant fields for {@code participant_joined/left}. {@code updated} reschedules the
 * appointment by 15 minutes ({@code changed_fields: ["date"]}); {@code deleted} deletes it. Each
 * fixture created is reported.
 */
public final class EventTrigger {
    /** A sample WebVTT transcript (no real person's words). */
    static final String SAMPLE_VTT = """
            WEBVTT

            1
            00:00:01.000 --> 00:00:04.000
            Dr. Sample Provider: Good morning, how have you been feeling since the last visit?

            2
            00:00:04.500 --> 00:00:09.000
            Sample Patient: Better overall. The headaches are less frequent, maybe twice a week.

            3
            00:00:09.500 --> 00:00:13.000
            Dr. Sample Provider: Good. Let's keep the current dose and check again in a month.
            """;

    private final Database db;
    private final HubEvents events;
    private final Clock clock;

    public EventTrigger(Database db, HubEvents events, Clock clock) {
        this.db = db;
        this.events = events;
        this.clock = clock;
    }

    /** The event types that can be triggered: the appointment family. */
    public static List<String> eventTypes() {
        return List.copyOf(EventTypes.appointmentFamily());
    }

    /** What a trigger did: the appointment, the fixtures created (in words), the event raised. */
    public record Triggered(String eventType, long appointmentId, List<String> fixtures, ThinEvent event) {
        public Triggered {
            fixtures = List.copyOf(fixtures);
        }
    }

    /** Why a trigger was refused. */
    public static final class Refused extends RuntimeException {
        private final String code;

        Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        /** {@code unknown_event_type} or {@code appointment_deleted}. */
        public String code() {
            return code;
        }
    }

    /**
     * Raises {@code eventType} for appointment {@code appointmentId} (null: a new appointment).
     *
     * @throws Refused for an event type outside the appointment family, or a deleted appointment
     */
    public Triggered trigger(String eventType, Long appointmentId) {
        if (!EventTypes.appointmentFamily().contains(eventType)) {
            throw new Refused(
                    "unknown_event_type",
                    "'" + eventType + "' cannot be triggered; valid: " + String.join(", ", eventTypes()));
        }
        Instant now = Instant.ofEpochMilli(clock.millis());
        return db.writer().write(h -> {
            List<String> fixtures = new ArrayList<>();
            Appointment a = appointment(h, appointmentId, now, fixtures);
            ThinEvent event = switch (eventType) {
                case EventTypes.APPOINTMENT_TRANSCRIPT_AVAILABLE -> {
                    transcript(h, a, now, fixtures);
                    yield AppointmentService.event(eventType, a);
                }
                case EventTypes.APPOINTMENT_RECORDING_COMPLETED -> {
                    recordingFiles(h, a, now, fixtures);
                    yield AppointmentService.event(eventType, a);
                }
                case EventTypes.APPOINTMENT_PARTICIPANT_JOINED, EventTypes.APPOINTMENT_PARTICIPANT_LEFT ->
                    participant(h, eventType, a, now, fixtures);
                case EventTypes.APPOINTMENT_UPDATED -> {
                    Appointment moved = reschedule(a, now);
                    Appointments.update(h, moved);
                    yield AppointmentService.event(eventType, moved, List.of("date"), now, null);
                }
                case EventTypes.APPOINTMENT_DELETED -> {
                    Appointments.markDeleted(h, a.id(), now);
                    yield AppointmentService.event(eventType, a, List.of(), now, null);
                }
                case EventTypes.APPOINTMENT_CREATED ->
                    AppointmentService.event(eventType, a, List.of(), null, a.createdAt());
                default -> AppointmentService.event(eventType, a);
            };
            events.emit(h, event);
            return new Triggered(eventType, a.id(), fixtures, event);
        });
    }

    private Appointment appointment(Handle h, Long id, Instant now, List<String> fixtures) {
        if (id != null) {
            Optional<Appointment> found = Appointments.find(h, id);
            if (found.isPresent()) {
                return found.get();
            }
            boolean deleted = h.createQuery("SELECT count(*) FROM hub_appointments WHERE id = :id")
                            .bind("id", id)
                            .mapTo(Integer.class)
                            .one()
                    > 0;
            if (deleted) {
                throw new Refused("appointment_deleted", "appointment " + id + " was deleted");
            }
        }
        Appointment draft = new Appointment(
                id == null ? 0 : id,
                now.plus(Duration.ofMinutes(5)),
                new Person("1001", "Sample", "Provider", "provider@example.com"),
                new Person("2001", "Sample", "Patient", "patient@example.com"),
                "trigger-" + now.toEpochMilli(),
                false,
                true,
                null,
                now,
                now,
                null);
        Appointment a = id == null ? Appointments.insert(h, draft) : insertWithId(h, draft);
        fixtures.add("appointment " + a.id());
        return a;
    }

    /** Inserts with the id asked for, and moves PostgreSQL's sequence past it. */
    private Appointment insertWithId(Handle h, Appointment draft) {
        Appointment a = Appointments.insertWithId(h, draft);
        if (db.dialect() == Dialect.POSTGRES) {
            h.createQuery("SELECT setval(pg_get_serial_sequence('hub_appointments', 'id'),"
                            + " (SELECT max(id) FROM hub_appointments))")
                    .mapTo(Long.class)
                    .one();
        }
        return a;
    }

    private static void transcript(Handle h, Appointment a, Instant now, List<String> fixtures) {
        boolean has = Transcripts.forAppointment(h, a.id(), null, "completed").stream()
                .anyMatch(Transcript::hasContent);
        if (has) {
            return;
        }
        Transcripts.Stored s = Transcripts.store(
                h,
                a.id(),
                "completed",
                Transcript.PROCESSED_RECORDING,
                now.minus(Duration.ofMinutes(15)),
                now,
                SAMPLE_VTT,
                null,
                now);
        fixtures.add("transcript " + s.transcript().id());
    }

    private static void recordingFiles(Handle h, Appointment a, Instant now, List<String> fixtures) {
        if (!RecordingFiles.forAppointment(h, a.id()).isEmpty()) {
            return;
        }
        String meeting = a.zoomMeetingId() == null ? "trigger-" + a.id() : a.zoomMeetingId();
        Instant start = now.minus(Duration.ofMinutes(15));
        for (String type : List.of("MP4", "M4A")) {
            String id = "trigger-" + a.id() + "-" + type.toLowerCase(java.util.Locale.ROOT);
            RecordingFiles.upsert(
                    h,
                    new RecordingFile(
                            id,
                            a.id(),
                            meeting,
                            null,
                            type.equals("MP4") ? 48_000_000L : 7_200_000L,
                            type,
                            start,
                            now,
                            type.equals("MP4") ? "shared_screen_with_speaker_view" : "audio_only",
                            "completed"),
                    now);
            fixtures.add("recording file " + id + " (" + type + ")");
        }
    }

    private static ThinEvent participant(Handle h, String type, Appointment a, Instant now, List<String> fixtures) {
        Person p = a.otherParty() != null ? a.otherParty() : new Person("2001", "Sample", "Patient", null);
        String name = String.join(
                        " ", p.firstName() == null ? "" : p.firstName(), p.lastName() == null ? "" : p.lastName())
                .strip();
        String action = type.equals(EventTypes.APPOINTMENT_PARTICIPANT_JOINED) ? Attendance.JOINED : Attendance.LEFT;
        String key = p.id() != null ? p.id() : name;
        if (Attendance.record(h, a.id(), action, key, name, p.email(), now, now)) {
            fixtures.add("attendance (" + action + ")");
        }
        return new ThinEvent(
                type,
                a.idText(),
                AppointmentService.RESOURCE_TYPE,
                List.of(),
                BodyShape.REFERENCE,
                a.user() == null ? null : a.user().id(),
                name.isEmpty() ? "Sample Patient" : name,
                p.email(),
                now,
                null,
                null,
                null,
                null);
    }

    private static Appointment reschedule(Appointment a, Instant now) {
        return new Appointment(
                a.id(),
                a.date().plus(Duration.ofMinutes(15)),
                a.user(),
                a.otherParty(),
                a.zoomMeetingId(),
                a.isGroup(),
                a.willBeScribed(),
                a.organizationId(),
                a.createdAt(),
                now,
                null);
    }
}
