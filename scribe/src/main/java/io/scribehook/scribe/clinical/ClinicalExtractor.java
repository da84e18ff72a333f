package io.scribehook.scribe.clinical;

import io.scribehook.scribe.clinical.ClinicalLexicon.ClinicalTerm;
import io.scribehook.scribe.roles.Role;
import io.scribehook.scribe.roles.RoleAssignment;
import io.scribehook.scribe.vtt.Turn;
import io.scribehook.scribe.vtt.VttParseResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds medications, vitals, the follow-up interval and key terms in a transcript, offline and
 * deterministically, in normal and in lower-case, loosely punctuated speech-recognition text.
 *
 * <ul>
 *   <li>Medications: names of the {@link ClinicalLexicon} (a brand keeps its name and gives its
 *       generic), with the dose ({@code 20 mg}, {@code twenty milligrams}, {@code 0.5 mg}), route
 *       and frequency said after (or, for a dose, just before) the name in the same sentence, or in
 *       the reply when the name was asked about; a name in a clause that denies, stops or runs out
 *       of it is negated (not inside a question), as is one asked about with {@code are you taking}
 *       and answered with a no. One entry a generic: the status of its last mention, the most
 *       complete of those mentions.
 *   <li>Vitals: blood pressure, heart rate, temperature, respiratory rate, oxygen saturation,
 *       weight, height, BMI, glucose and A1c, with a normalised value and unit; one entry a kind
 *       and value.
 *   <li>Follow-up: the last interval stated near a follow-up phrase, the clinician's first.
 *   <li>Key terms: lexicon terms and their lay synonyms, counted under the term, most frequent
 *       first.
 * </ul>
 *
 * Every finding carries the times of the cue it came from. Never throws on a parsed transcript.
 */
public final class ClinicalExtractor {
    private final MedicationFinder medications;
    private final VitalFinder vitals = new VitalFinder();
    private final FollowUpFinder followUps = new FollowUpFinder();
    private final PhraseMatcher<String> terms = new PhraseMatcher<>();

    private ClinicalExtractor(ClinicalLexicon lexicon) {
        this.medications = new MedicationFinder(lexicon);
        for (ClinicalTerm t : lexicon.terms()) {
            terms.add(t.term(), t.term());
        }
        for (ClinicalTerm t : lexicon.terms()) {
            for (String s : t.synonyms()) {
                terms.add(s, t.term());
            }
        }
    }

    /** An extractor using {@link ClinicalLexicon#defaults()}. */
    public static ClinicalExtractor withDefaultLexicon() {
        return new ClinicalExtractor(ClinicalLexicon.defaults());
    }

    /** An extractor using the given lexicon. */
    public static ClinicalExtractor with(ClinicalLexicon lexicon) {
        return new ClinicalExtractor(lexicon);
    }

    /**
     * The findings of a transcript.
     *
     * @param roles who is the clinician; used to prefer the clinician's follow-up interval
     */
    public ClinicalFindings extract(VttParseResult.Parsed transcript, RoleAssignment roles) {
        List<Medication> meds = new ArrayList<>();
        List<Vital> vitalList = new ArrayList<>();
        FollowUp lastAny = null;
        FollowUp lastClinician = null;
        Map<String, Integer> termCounts = new LinkedHashMap<>();
        List<Turn> turns = transcript.turns();
        TokenizedText next = turns.isEmpty() ? null : TokenizedText.of(turns.get(0));
        for (int k = 0; k < turns.size(); k++) {
            Turn turn = turns.get(k);
            TokenizedText text = next;
            next = k + 1 < turns.size() ? TokenizedText.of(turns.get(k + 1)) : null;
            meds.addAll(medications.find(text, next));
            vitalList.addAll(vitals.find(text));
            for (FollowUpFinder.Found f : followUps.find(text)) {
                FollowUp followUp =
                        new FollowUp(f.interval().text(), f.interval().days(), text.source(f.at()));
                lastAny = followUp;
                if (roles != null && turn.speaker() != null && roles.roleOf(turn.speaker()) == Role.CLINICIAN) {
                    lastClinician = followUp;
                }
            }
            for (PhraseMatcher.Match<String> m : terms.all(text)) {
                termCounts.merge(m.value(), 1, Integer::sum);
            }
        }
        List<KeyTerm> keyTerms = new ArrayList<>();
        termCounts.forEach((term, count) -> keyTerms.add(new KeyTerm(term, count)));
        keyTerms.sort(Comparator.comparingInt(KeyTerm::count).reversed().thenComparing(KeyTerm::term));
        return new ClinicalFindings(
                MedicationFinder.merge(meds),
                VitalFinder.distinct(vitalList),
                Optional.ofNullable(lastClinician != null ? lastClinician : lastAny),
                keyTerms);
    }
}
