package io.scribehook.scribe.note.offline;

import io.scribehook.scribe.note.NoteSlot;
import io.scribehook.scribe.roles.Role;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which slot of the note a spoken sentence belongs to. What the patient says is history; what the
 * clinician says goes by its words: tests and their findings to results, examination findings to
 * the examination, impressions to the assessment, orders and advice to the plan; the clinician's
 * remaining words are history before the visit's last third and plan after it.
 */
final class SlotRules {
    private static final Pattern RESULTS = words(
            "x-ray",
            "x-rays",
            "xray",
            "mri",
            "ct",
            "cat scan",
            "scan",
            "labs",
            "lab work",
            "lab",
            "blood work",
            "bloodwork",
            "results",
            "ekg",
            "ecg",
            "echo",
            "echocardiogram",
            "a1c",
            "hemoglobin",
            "ultrasound",
            "came back",
            "biopsy",
            "fracture",
            "alignment",
            "mammogram",
            "colonoscopy",
            "pft",
            "stress test",
            "culture",
            "urinalysis",
            "cholesterol",
            "lipid panel",
            "levels",
            "imaging");
    private static final Pattern EXAM = words(
            "exam",
            "examination",
            "examine",
            "on exam",
            "i hear",
            "i don't hear",
            "lungs",
            "murmur",
            "tender",
            "tenderness",
            "swelling",
            "edema",
            "range of motion",
            "reflexes",
            "palpation",
            "palpate",
            "pulses",
            "strength",
            "rash",
            "lesion",
            "clear to auscultation",
            "abdomen",
            "soft",
            "bruising",
            "effusion",
            "erythema",
            "sensation",
            "gait",
            "vitals",
            "flexion",
            "extension",
            "straight leg",
            "neurologically",
            "intact",
            "bilaterally",
            "auscultation",
            "crackles",
            "wheezing",
            "rhonchi",
            "nontender",
            "lymphadenopathy",
            "blood pressure",
            "heart rate",
            "oxygen",
            "temperature");
    private static final Pattern ASSESSMENT = words(
            "diagnosis",
            "diagnosed",
            "consistent with",
            "likely",
            "sounds like",
            "impression",
            "assessment",
            "you have",
            "it looks like",
            "i think you",
            "i believe",
            "suspect",
            "probably");
    private static final Pattern ORDER = words(
            "i'm going to",
            "i am going to",
            "we're going to",
            "we are going to",
            "we'll",
            "we will",
            "i'll",
            "i want him to",
            "i want her to",
            "i want the patient to",
            "i would like",
            "i'd like",
            "prescribe",
            "order",
            "refer",
            "recommend",
            "increase",
            "decrease");
    private static final Pattern PLAN = words(
            "i'm going to",
            "i am going to",
            "we're going to",
            "we are going to",
            "we'll",
            "we will",
            "i'll",
            "i want you to",
            "i would like",
            "i'd like",
            "let's",
            "prescribe",
            "prescription",
            "order",
            "refer",
            "referral",
            "recommend",
            "continue",
            "start you",
            "increase",
            "decrease",
            "schedule",
            "follow up",
            "follow-up",
            "come back",
            "see you",
            "physical therapy",
            "medication",
            "dose",
            "milligrams",
            "mg",
            "plan",
            "treatment",
            "surgery",
            "injection");

    private SlotRules() {}

    static NoteSlot slotOf(SpokenSentence s, double positionInVisit) {
        String text = s.text().toLowerCase(Locale.ROOT);
        if (s.role() != Role.CLINICIAN) {
            return NoteSlot.HISTORY_OF_PRESENT_ILLNESS;
        }
        if (ORDER.matcher(text).find() && positionInVisit > 0.3) {
            return NoteSlot.PLAN;
        }
        if (RESULTS.matcher(text).find()) {
            return NoteSlot.RESULTS;
        }
        if (EXAM.matcher(text).find() && positionInVisit > 0.25) {
            return NoteSlot.PHYSICAL_EXAMINATION;
        }
        if (ASSESSMENT.matcher(text).find() && positionInVisit > 0.4) {
            return NoteSlot.ASSESSMENT;
        }
        if (PLAN.matcher(text).find() && positionInVisit > 0.3) {
            return NoteSlot.PLAN;
        }
        return positionInVisit > 0.66 ? NoteSlot.PLAN : NoteSlot.HISTORY_OF_PRESENT_ILLNESS;
    }

    private static Pattern words(String... phrases) {
        StringBuilder re = new StringBuilder("(?<![a-z])(?:");
        for (int i = 0; i < phrases.length; i++) {
            re.append(i == 0 ? "" : "|").append(Pattern.quote(phrases[i]));
        }
        return Pattern.compile(re.append(")(?![a-z])").toString());
    }
}
