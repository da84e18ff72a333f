package io.scribehook.scribe.roles;

/** What a speaker is in the visit. */
public enum Role {
    /** The provider: doctor, nurse practitioner, therapist. */
    CLINICIAN,
    /** The patient. */
    PATIENT,
    /** Anyone else: a relative, an interpreter, a guest. */
    OTHER
}
