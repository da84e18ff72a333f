package io.scribehook.hub.appointments;

/**
 * A user or other party of an appointment. Names and email are PHI: {@link #toString()} shows the id only.
 *
 * @param id the person's id as text; may be null when only a name is known
 */
public record Person(String id, String firstName, String lastName, String email) {
    /** Whether no part is set. */
    public boolean isEmpty() {
        return id == null && firstName == null && lastName == null && email == null;
    }

    @Override
    public String toString() {
        return "Person[id=" + id + "]";
    }
}
