package io.scribehook.receiver.healthie;

import java.util.List;

/**
 * An appointment as {@code appointments(startDate, endDate, offset)} lists it, with its completed
 * transcripts (ids and types; no URLs).
 */
public record ListedAppointment(String id, String date, List<TranscriptRef> completedTranscripts) {
    public ListedAppointment {
        completedTranscripts = List.copyOf(completedTranscripts);
    }
}
