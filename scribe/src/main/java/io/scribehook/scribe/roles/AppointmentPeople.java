package io.scribehook.scribe.roles;

/**
 * Who the appointment says takes part, as far as it is known; either name may be null.
 *
 * @param clinicianName the provider's full name
 * @param patientName the patient's full name
 */
public record AppointmentPeople(String clinicianName, String patientName) {
    /** Nothing known: roles are decided from the transcript alone. */
    public static final AppointmentPeople UNKNOWN = new AppointmentPeople(null, null);
}
