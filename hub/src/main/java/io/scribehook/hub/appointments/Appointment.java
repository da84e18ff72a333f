package io.scribehook.hub.appointments;

import java.time.Instant;

/**
 * One appointment as the hub keeps it.
 *
 * @param user the provider side ({@code user}); may be null
 * @param otherParty the patient side ({@code other_party}); may be null
 * @param zoomMeetingId the Zoom meeting whose events belong to it; may be null
 * @param organizationId sent as {@code resource_organization_id} with created/updated events; may be null
 * @param deletedAt when it was deleted, else null (deleted appointments are not found by id)
 */
public record Appointment(
        long id,
        Instant date,
        Person user,
        Person otherParty,
        String zoomMeetingId,
        boolean isGroup,
        boolean willBeScribed,
        String organizationId,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt) {

    /** The id as the API writes it. */
    public String idText() {
        return Long.toString(id);
    }
}
