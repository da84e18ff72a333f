package io.scribehook.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventTypesTest {
    @Test
    void theAppointmentFamilyHasThirteenNamesTheGuidesFourFirst() {
        assertThat(EventTypes.appointmentFamily())
                .hasSize(13)
                .startsWith(
                        "appointment.transcript_available", "appointment.recording_started",
                        "appointment.recording_stopped", "appointment.participant_joined");
        assertThat(EventTypes.appointmentFamily())
                .contains(
                        "appointment.participant_left",
                        "appointment.recording_completed",
                        "appointment.transcript_started",
                        "appointment.transcript_failed",
                        "appointment.created",
                        "appointment.updated",
                        "appointment.deleted",
                        "appointment.patient_added",
                        "appointment.patient_removed");
        assertThat(EventTypes.appointmentFamily()).allMatch(n -> n.startsWith("appointment."));
    }

    @Test
    void isKnownIsAnExactMatch() {
        assertThat(EventTypes.isKnown(EventTypes.APPOINTMENT_TRANSCRIPT_AVAILABLE))
                .isTrue();
        assertThat(EventTypes.isKnown("appointment.patient_removed")).isTrue();
        assertThat(EventTypes.isKnown("Appointment.Created")).isFalse();
        assertThat(EventTypes.isKnown("form_answer_group.created")).isFalse();
        assertThat(EventTypes.isKnown("")).isFalse();
        assertThat(EventTypes.isKnown(null)).isFalse();
    }

    @Test
    void theSetIsUnmodifiable() {
        assertThatThrownBy(() -> EventTypes.appointmentFamily().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
