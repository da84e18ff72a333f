package io.scribehook.scribe.note.offline;

import io.scribehook.scribe.roles.Role;
import io.scribehook.scribe.rouge.RougeTokenizer;
import java.util.List;

/**
 * How the note refers to the patient: she/her, he/him, or "the patient" when the transcript does
 * not say. Decided from how the clinician speaks of the patient (she, her, ms, mrs against he,
 * his, him, mr).
 */
record PatientPronouns(String subject, String possessive, String object, String reflexive) {
    static final PatientPronouns FEMALE = new PatientPronouns("she", "her", "her", "herself");
    static final PatientPronouns MALE = new PatientPronouns("he", "his", "him", "himself");
    static final PatientPronouns NEUTRAL = new PatientPronouns("the patient", "their", "them", "themselves");

    static PatientPronouns detect(List<SpokenSentence> sentences) {
        int female = 0;
        int male = 0;
        for (SpokenSentence s : sentences) {
            if (s.role() != Role.CLINICIAN) {
                continue;
            }
            for (String t : RougeTokenizer.tokens(s.text())) {
                switch (t) {
                    case "she", "her", "hers", "herself", "ms", "mrs", "woman", "female", "lady" -> female++;
                    case "he", "his", "him", "himself", "mr", "man", "male", "gentleman" -> male++;
                    default -> {}
                }
            }
        }
        return female > male ? FEMALE : male > female ? MALE : NEUTRAL;
    }

    /** A noun for the patient in a sex the note states: female, male, or none. */
    String sex() {
        return this == FEMALE ? "female" : this == MALE ? "male" : null;
    }
}
