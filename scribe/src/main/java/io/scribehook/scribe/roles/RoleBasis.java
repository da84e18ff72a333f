package io.scribehook.scribe.roles;

/** How a role was decided, from the strongest evidence to the weakest. */
public enum RoleBasis {
    /** The speaker's display name matches the appointment's provider or patient. */
    NAME_MATCH,
    /** The speaker's display name matches, but what they say points the other way (names swapped). */
    NAME_CONTRADICTED,
    /** No name matched: decided from what and how the speaker talks. */
    HEURISTIC
}
