package io.scribehook.receiver.process;

import io.scribehook.core.event.ThinEvent;
import io.scribehook.receiver.healthie.AppointmentSnapshot;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Who a participant was in the meeting, as far as the payload and the fetched appointment tell. */
public enum ParticipantRole {
    HOST("host"),
    PARTICIPANT("participant"),
    UNKNOWN("unknown");

    private final String id;

    ParticipantRole(String id) {
        this.id = id;
    }

    /** {@code host}, {@code participant} or {@code unknown}. */
    public String id() {
        return id;
    }

    /** The role stored under this id; anything else (older rows have none) is {@link #UNKNOWN}. */
    static ParticipantRole byId(String id) {
        return Stream.of(values()).filter(r -> r.id.equals(id)).findFirst().orElse(UNKNOWN);
    }

    /**
     * The host is the appointment's person (provider or patient) whose user id is the payload's
     * {@code host_user_id}. The participant is the host when their email or name matches the host's
     * (normalised as in {@link ParticipantKeys}); a participant when something could be compared and
     * nothing matched; unknown when nothing could be compared: no host id, no snapshot, a host who is
     * not among the appointment's people, or no email and no name on one side.
     */
    static ParticipantRole of(ThinEvent e, AppointmentSnapshot snapshot) {
        if (e.hostUserId() == null || snapshot == null) {
            return UNKNOWN;
        }
        AppointmentSnapshot.Person host = Stream.of(snapshot.user(), snapshot.otherParty())
                .filter(p -> p != null && e.hostUserId().equals(p.id()))
                .findFirst()
                .orElse(null);
        if (host == null) {
            return UNKNOWN;
        }
        boolean compared = false;
        String email = ParticipantKeys.normalEmail(e.participantEmail());
        String hostEmail = ParticipantKeys.normalEmail(host.email());
        if (email != null && hostEmail != null) {
            if (email.equals(hostEmail)) {
                return HOST;
            }
            compared = true;
        }
        String name = ParticipantKeys.normalName(e.participantName());
        String hostName = ParticipantKeys.normalName(Stream.of(host.firstName(), host.lastName())
                .filter(Objects::nonNull)
                .collect(Collectors.joining(" ")));
        if (name != null && hostName != null) {
            if (name.equals(hostName)) {
                return HOST;
            }
            compared = true;
        }
        return compared ? PARTICIPANT : UNKNOWN;
    }
}
