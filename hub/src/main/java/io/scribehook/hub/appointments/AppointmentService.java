package io.scribehook.hub.appointments;

import io.scribehook.core.event.BodyShape;
import io.scribehook.core.event.EventTypes;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.hub.appointments.AppointmentFields.Field;
import io.scribehook.hub.events.HubEvents;
import io.scribehook.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates, updates and deletes appointments, each change and its event ({@code appointment.created},
 * {@code .updated} with {@code changed_fields}, {@code .deleted}) in one transaction through
 * {@link HubEvents}. An update that changes nothing emits nothing.
 */
public final class AppointmentService {
    public static final String RESOURCE_TYPE = "Appointment";
    private final Database db;
    private final HubEvents events;
    private final Clock clock;

    public AppointmentService(Database db, HubEvents events, Clock clock) {
        this.db = db;
        this.events = events;
        this.clock = clock;
    }

    /** Creates an appointment from {@code f} ({@code date} required) and emits {@code appointment.created}. */
    public Appointment create(AppointmentFields f) {
        Objects.requireNonNull(f.date(), "date");
        Instant now = now();
        Appointment draft = new Appointment(
                0,
                f.date(),
                f.user(),
                f.otherParty(),
                f.zoomMeetingId(),
                Boolean.TRUE.equals(f.isGroup()),
                Boolean.TRUE.equals(f.willBeScribed()),
                f.organizationId(),
                now,
                now,
                null);
        return db.writer().write(h -> {
            Appointment a = Appointments.insert(h, draft);
            events.emit(h, event(EventTypes.APPOINTMENT_CREATED, a, List.of(), null, now));
            return a;
        });
    }

    /**
     * Applies the given fields; emits {@code appointment.updated} naming the fields whose value
     * changed. Empty when there is no such appointment (or it is deleted).
     */
    public Optional<Appointment> update(long id, AppointmentFields f) {
        Instant now = now();
        return db.writer().write(h -> {
            Optional<Appointment> found = Appointments.find(h, id);
            if (found.isEmpty()) {
                return Optional.<Appointment>empty();
            }
            Appointment old = found.get();
            Appointment next = apply(old, f, now);
            List<String> changed = changedFields(old, next);
            if (changed.isEmpty()) {
                return found;
            }
            Appointments.update(h, next);
            events.emit(h, event(EventTypes.APPOINTMENT_UPDATED, next, changed, now, null));
            return Appointments.find(h, id);
        });
    }

    /** Deletes it and emits {@code appointment.deleted}; false when there was nothing to delete. */
    public boolean delete(long id) {
        Instant now = now();
        return db.writer().write(h -> {
            Optional<Appointment> found = Appointments.find(h, id);
            if (found.isEmpty() || !Appointments.markDeleted(h, id, now)) {
                return false;
            }
            events.emit(h, event(EventTypes.APPOINTMENT_DELETED, found.get(), List.of(), now, null));
            return true;
        });
    }

    public Optional<Appointment> find(long id) {
        return db.withHandle(h -> Appointments.find(h, id));
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    private static Appointment apply(Appointment a, AppointmentFields f, Instant now) {
        return new Appointment(
                a.id(),
                f.has(Field.DATE) && f.date() != null ? f.date() : a.date(),
                f.has(Field.USER) ? f.user() : a.user(),
                f.has(Field.OTHER_PARTY) ? f.otherParty() : a.otherParty(),
                f.has(Field.ZOOM_MEETING_ID) ? f.zoomMeetingId() : a.zoomMeetingId(),
                f.has(Field.IS_GROUP) ? Boolean.TRUE.equals(f.isGroup()) : a.isGroup(),
                f.has(Field.WILL_BE_SCRIBED) ? Boolean.TRUE.equals(f.willBeScribed()) : a.willBeScribed(),
                f.has(Field.ORGANIZATION_ID) ? f.organizationId() : a.organizationId(),
                a.createdAt(),
                now,
                null);
    }

    static List<String> changedFields(Appointment a, Appointment b) {
        List<String> changed = new ArrayList<>();
        check(changed, Field.DATE, a.date(), b.date());
        check(changed, Field.USER, a.user(), b.user());
        check(changed, Field.OTHER_PARTY, a.otherParty(), b.otherParty());
        check(changed, Field.ZOOM_MEETING_ID, a.zoomMeetingId(), b.zoomMeetingId());
        check(changed, Field.IS_GROUP, a.isGroup(), b.isGroup());
        check(changed, Field.WILL_BE_SCRIBED, a.willBeScribed(), b.willBeScribed());
        check(changed, Field.ORGANIZATION_ID, a.organizationId(), b.organizationId());
        return changed;
    }

    private static void check(List<String> changed, Field f, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(f.wireName());
        }
    }

    /** The thin event {@code type} of appointment {@code a}, with no more than its reference. */
    public static ThinEvent event(String type, Appointment a) {
        return ThinEvent.of(type, a.idText(), RESOURCE_TYPE, BodyShape.REFERENCE);
    }

    /** The thin event of an appointment change; {@code updatedAt}/{@code createdAt} feed receivers' dedupe keys. */
    public static ThinEvent event(
            String type, Appointment a, List<String> changed, Instant updatedAt, Instant createdAt) {
        return new ThinEvent(
                type,
                a.idText(),
                RESOURCE_TYPE,
                changed,
                BodyShape.REFERENCE,
                null,
                null,
                null,
                null,
                updatedAt == null ? null : updatedAt.toString(),
                createdAt == null ? null : createdAt.toString(),
                type.equals(EventTypes.APPOINTMENT_DELETED) ? null : a.organizationId(),
                null);
    }
}
