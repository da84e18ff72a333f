package io.scribehook.scribe.note.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.scribe.roles.Role;
import io.scribehook.scribe.roles.RoleAssignment;
import io.scribehook.scribe.roles.RoleBasis;
import io.scribehook.scribe.roles.SpeakerRole;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatientRedactorTest {

    private static PatientRedactor redactor(String patient, String clinician) {
        return PatientRedactor.forPatientsOf(new RoleAssignment(List.of(
                new SpeakerRole(clinician, Role.CLINICIAN, 0.9, RoleBasis.NAME_MATCH),
                new SpeakerRole(patient, Role.PATIENT, 0.9, RoleBasis.NAME_MATCH))));
    }

    @Test
    void replacesTheWholeNameAndEachLongEnoughWordCaseInsensitively() {
        PatientRedactor r = redactor("Maria Al Hassan", "Tom Baker");

        assertThat(r.apply("This is Maria Al Hassan speaking.")).isEqualTo("This is [PATIENT] speaking.");
        assertThat(r.apply("MARIA, and Mrs. hassan's chart")).isEqualTo("[PATIENT], and Mrs. [PATIENT]'s chart");
        assertThat(r.apply("Al said it"))
                .as("a word of two letters stays: it would hit too much")
                .isEqualTo("Al said it");
        assertThat(r.apply("Dr. Baker examined Mariana")).isEqualTo("Dr. Baker examined Mariana");
    }

    @Test
    void handlesHyphenatedNamesAndPronounsAndDevicesInDisplayNames() {
        PatientRedactor r = redactor("iPhone of Anne-Marie Lowe (she/her)", "Dr Kim");

        assertThat(r.apply("Anne-Marie Lowe, Anne and Marie and Lowe"))
                .isEqualTo("[PATIENT], [PATIENT] and [PATIENT] and [PATIENT]");
        assertThat(r.apply("she told her iPhone the phone number")).isEqualTo("she told her iPhone the phone number");
    }

    @Test
    void replacesWrittenAndSpokenEmailAddresses() {
        PatientRedactor r = redactor("Jo Smith", "Dr Kim");

        assertThat(r.apply("mail me at jo.smith+notes@mail.example.co.uk please"))
                .isEqualTo("mail me at [EMAIL] please");
        assertThat(r.apply("it's jsmith at gmail dot com")).isEqualTo("it's [EMAIL]");
        assertThat(r.apply("look at the chart dot by dot")).isEqualTo("look at the chart dot by dot");
    }

    @Test
    void withoutAPatientOnlyEmailsGo() {
        PatientRedactor r = PatientRedactor.forPatientsOf(
                new RoleAssignment(List.of(new SpeakerRole("Tom Baker", Role.CLINICIAN, 0.5, RoleBasis.HEURISTIC))));

        assertThat(r.apply("Tom Baker, tom@example.org")).isEqualTo("Tom Baker, [EMAIL]");
    }
}
