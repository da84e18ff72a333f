package io.scribehook.scribe.clinical;

import java.util.List;
import java.util.Optional;

/** What the clinical extraction found in one transcript. */
public record ClinicalFindings(
        List<Medication> medications, List<Vital> vitals, Optional<FollowUp> followUp, List<KeyTerm> keyTerms) {
    public ClinicalFindings {
        medications = List.copyOf(medications);
        vitals = List.copyOf(vitals);
        keyTerms = List.copyOf(keyTerms);
    }

    /** Nothing found. */
    public static final ClinicalFindings NONE = new ClinicalFindings(List.of(), List.of(), Optional.empty(), List.of());
}
