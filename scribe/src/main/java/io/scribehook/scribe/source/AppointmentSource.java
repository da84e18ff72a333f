package io.scribehook.scribe.source;

/**
 * Where appointments come from (the receiver implements it with its GraphQL client). Implementations
 * do their own I/O and throw nothing for upstream trouble: every answer is a {@link SourceResult}.
 */
@FunctionalInterface
public interface AppointmentSource {
    /** The appointment with its people and completed transcripts. */
    SourceResult<SourceAppointment> appointment(String appointmentId);
}
