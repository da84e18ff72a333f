package io.scribehook.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One thin webhook payload, normalised from either {@link BodyShape}.
 *
 * <p>{@code participantName} and {@code participantEmail} are PHI: {@link #toString()} never prints
 * them (nor does anything else in this package). {@code updatedAt}/{@code createdAt} are kept as the
 * raw text the sender wrote, because they feed dedupe keys.
 *
 * @param eventType        wire name, e.g. {@code appointment.transcript_available}; never blank;
 *                         unknown names are legal
 * @param resourceId       the resource id as text ({@code 12345} and {@code "12345"} both give {@code "12345"}); never blank
 * @param resourceType     {@code resource_id_type} / {@code resource_type}, e.g. {@code Appointment}; may be null
 * @param changedFields    field names from {@code changed_fields}; never null, empty unless {@code *.updated}
 * @param shape            the body shape it arrived in
 * @param hostUserId       {@code host_user_id} (participant events); may be null
 * @param participantName  {@code user_name} (PHI); may be null
 * @param participantEmail {@code user_email} (PHI); may be null
 * @param eventTs          {@code event_ts}; may be null
 * @param updatedAt        {@code updated_at}, raw; may be null
 * @param createdAt        {@code created_at}, raw; may be null
 * @param organizationId   {@code resource_organization_id}; may be null
 * @param noteVersion      {@code note_version} of a {@code scribe.note_drafted} event; may be null
 */
public record ThinEvent(
        String eventType,
        String resourceId,
        String resourceType,
        List<String> changedFields,
        BodyShape shape,
        String hostUserId,
        String participantName,
        String participantEmail,
        Instant eventTs,
        String updatedAt,
        String createdAt,
        String organizationId,
        Integer noteVersion) {

    /** Checks the required parts and copies {@code changedFields} ({@code null} becomes empty). */
    public ThinEvent {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(shape, "shape");
        if (eventType.isBlank()) {
            throw new IllegalArgumentException("eventType is blank");
        }
        if (resourceId.isBlank()) {
            throw new IllegalArgumentException("resourceId is blank");
        }
        changedFields = changedFields == null ? List.of() : List.copyOf(changedFields);
    }

    /** A minimal event (no extras), as the hub or tests build them. */
    public static ThinEvent of(String eventType, String resourceId, String resourceType, BodyShape shape) {
        return new ThinEvent(
                eventType, resourceId, resourceType, List.of(), shape, null, null, null, null, null, null, null, null);
    }

    /** This event with {@code event_ts} set (when the reported activity happened). */
    public ThinEvent withEventTs(Instant at) {
        return new ThinEvent(
                eventType,
                resourceId,
                resourceType,
                changedFields,
                shape,
                hostUserId,
                participantName,
                participantEmail,
                at,
                updatedAt,
                createdAt,
                organizationId,
                noteVersion);
    }

    /** This event with a {@code note_version} (for {@code scribe.note_drafted}). */
    public ThinEvent withNoteVersion(int version) {
        return new ThinEvent(
                eventType,
                resourceId,
                resourceType,
                changedFields,
                shape,
                hostUserId,
                participantName,
                participantEmail,
                eventTs,
                updatedAt,
                createdAt,
                organizationId,
                version);
    }

    /** Whether {@link #eventType()} is in the appointment family ({@link EventTypes#isKnown}). */
    public boolean isKnownType() {
        return EventTypes.isKnown(eventType);
    }

    /** Whether the payload carried participant details (name or email), without revealing them. */
    public boolean hasParticipantDetails() {
        return participantName != null || participantEmail != null;
    }

    /** This event as if it had arrived in another shape (the hub re-encodes with it). */
    public ThinEvent withShape(BodyShape newShape) {
        return new ThinEvent(
                eventType,
                resourceId,
                resourceType,
                changedFields,
                newShape,
                hostUserId,
                participantName,
                participantEmail,
                eventTs,
                updatedAt,
                createdAt,
                organizationId,
                noteVersion);
    }

    /** Ids, types and times only; participant name and email are PHI and are never printed. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ThinEvent[eventType=")
                .append(eventType)
                .append(", resourceId=")
                .append(resourceId)
                .append(", resourceType=")
                .append(resourceType)
                .append(", shape=")
                .append(shape);
        if (!changedFields.isEmpty()) b.append(", changedFields=").append(changedFields);
        if (hostUserId != null) b.append(", hostUserId=").append(hostUserId);
        if (organizationId != null) b.append(", organizationId=").append(organizationId);
        if (eventTs != null) b.append(", eventTs=").append(eventTs);
        if (updatedAt != null) b.append(", updatedAt=").append(updatedAt);
        if (createdAt != null) b.append(", createdAt=").append(createdAt);
        if (noteVersion != null) b.append(", noteVersion=").append(noteVersion);
        if (hasParticipantDetails()) b.append(", participant=<redacted>");
        return b.append(']').toString();
    }
}
