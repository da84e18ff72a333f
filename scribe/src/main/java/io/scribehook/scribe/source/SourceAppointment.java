package io.scribehook.scribe.source;

import io.scribehook.scribe.roles.AppointmentPeople;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An appointment as the scribe needs it: who takes part and which transcripts are completed.
 * {@link #toString()} leaves out the people (names are PHI).
 */
public record SourceAppointment(String id, AppointmentPeople people, List<TranscriptInfo> completedTranscripts) {
    public SourceAppointment {
        people = people == null ? AppointmentPeople.UNKNOWN : people;
        completedTranscripts = List.copyOf(completedTranscripts);
    }

    /**
     * The transcript to draft from: the best {@linkplain TranscriptInfo#rank() rank}, then the one
     * ending last, then the greatest id; empty when none is completed.
     */
    public Optional<TranscriptInfo> bestTranscript() {
        return completedTranscripts.stream()
                .max(Comparator.comparingInt(TranscriptInfo::rank)
                        .thenComparing(TranscriptInfo::end, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(TranscriptInfo::id, Comparator.nullsFirst(Comparator.naturalOrder())));
    }

    @Override
    public String toString() {
        return "SourceAppointment[id=" + id + ", completedTranscripts=" + completedTranscripts + "]";
    }
}
