package io.scribehook.hub.appointments;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The fields of a create or update. {@code given} says which were present in the input: an update
 * changes only those (a given null clears the field); a create takes defaults for the others.
 */
public record AppointmentFields(
        Set<Field> given,
        Instant date,
        Person user,
        Person otherParty,
        String zoomMeetingId,
        Boolean isGroup,
        Boolean willBeScribed,
        String organizationId) {

    /** Updatable fields, by the names {@code changed_fields} reports. */
    public enum Field {
        DATE("date"),
        USER("user"),
        OTHER_PARTY("other_party"),
        ZOOM_MEETING_ID("zoom_meeting_id"),
        IS_GROUP("is_group"),
        WILL_BE_SCRIBED("will_be_scribed"),
        ORGANIZATION_ID("organization_id");

        private final String wireName;

        Field(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public AppointmentFields {
        given = given.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(given));
    }

    public boolean has(Field f) {
        return given.contains(f);
    }
}
