package io.scribehook.receiver.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.core.event.BodyShape;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.receiver.healthie.AppointmentSnapshot;
import io.scribehook.receiver.healthie.AppointmentSnapshot.Person;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParticipantRoleTest {
    private static final Person PROVIDER = new Person("601", "Dana", "Provider", "dana.provider@clinic.example");
    private static final Person PATIENT = new Person("501", "Pat", "Example", "pat@example.com");
    private static final AppointmentSnapshot SNAPSHOT = snapshot(PROVIDER, PATIENT);

    private static AppointmentSnapshot snapshot(Person user, Person otherParty) {
        return new AppointmentSnapshot("42", null, false, null, true, otherParty, user, List.of(), "{}");
    }

    private static ThinEvent joined(String hostUserId, String name, String email) {
        return new ThinEvent(
                "appointment.participant_joined",
                "42",
                "Appointment",
                List.of(),
                BodyShape.REFERENCE,
                hostUserId,
                name,
                email,
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void theHostIsKnownByEmailOrByName() {
        assertThat(ParticipantRole.of(joined("601", "Dr. D", " Dana.Provider@Clinic.example"), SNAPSHOT))
                .isEqualTo(ParticipantRole.HOST);
        assertThat(ParticipantRole.of(joined("601", "dana  provider", "dana@home.example"), SNAPSHOT))
                .isEqualTo(ParticipantRole.HOST);
        assertThat(ParticipantRole.of(joined("501", "Pat Example", null), SNAPSHOT))
                .as("the patient hosts")
                .isEqualTo(ParticipantRole.HOST);
    }

    @Test
    void someoneComparedWithTheHostWhoDoesNotMatchIsAParticipant() {
        assertThat(ParticipantRole.of(joined("601", "Pat Example", "pat@example.com"), SNAPSHOT))
                .isEqualTo(ParticipantRole.PARTICIPANT);
        assertThat(ParticipantRole.of(joined("601", null, "guest@example.com"), SNAPSHOT))
                .isEqualTo(ParticipantRole.PARTICIPANT);
    }

    @Test
    void withNothingToCompareTheRoleIsUnknown() {
        assertThat(ParticipantRole.of(joined(null, "Dana Provider", null), SNAPSHOT))
                .as("no host id")
                .isEqualTo(ParticipantRole.UNKNOWN);
        assertThat(ParticipantRole.of(joined("601", "Dana Provider", null), null))
                .as("no snapshot")
                .isEqualTo(ParticipantRole.UNKNOWN);
        assertThat(ParticipantRole.of(joined("999", "Dana Provider", null), SNAPSHOT))
                .as("host not in the appointment")
                .isEqualTo(ParticipantRole.UNKNOWN);
        assertThat(ParticipantRole.of(joined("601", null, null), SNAPSHOT))
                .as("participant unnamed")
                .isEqualTo(ParticipantRole.UNKNOWN);
        assertThat(ParticipantRole.of(
                        joined("601", null, "x@example.com"), snapshot(new Person("601", null, null, null), PATIENT)))
                .as("host without name or email")
                .isEqualTo(ParticipantRole.UNKNOWN);
    }

    @Test
    void storedIdsReadBack() {
        for (ParticipantRole r : ParticipantRole.values()) {
            assertThat(ParticipantRole.byId(r.id())).isEqualTo(r);
        }
        assertThat(ParticipantRole.byId(null)).isEqualTo(ParticipantRole.UNKNOWN);
    }
}
