package io.scribehook.scribe.note.offline;

import io.scribehook.scribe.note.NoteSentence;
import io.scribehook.scribe.roles.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The review of systems from the clinician's questions and the patient's short answers: "any
 * chest pain or shortness of breath?" answered "no" becomes "Denies chest pain or shortness of
 * breath."; answered "yes", "Endorses ...". Each sentence carries the times of the question and
 * the answer.
 */
final class ReviewOfSystems {
    private static final Pattern ASKED = Pattern.compile("^.*\\bany\\s+(?:other\\s+)?([a-z][a-z ,'-]{2,80}?)\\s*\\?*$");
    private static final Pattern NOT_A_FINDING = Pattern.compile(
            "^(?:questions|concerns|thing|things|problems|issues|more|of|other|that|this|you|way|time|changes)\\b|\\b(?:you|your|i|me|anything|that)\\b");
    private static final Pattern NO = Pattern.compile("^(?:no|nope|none|not really|nah|never|i have not|i haven't)\\b");
    private static final Pattern YES = Pattern.compile("^(?:yes|yeah|yep|i have|i do|a little|some)\\b");
    private static final int MAX_ANSWER_WORDS = 12;

    private ReviewOfSystems() {}

    static List<NoteSentence> from(List<SpokenSentence> spoken) {
        List<NoteSentence> out = new ArrayList<>();
        for (int i = 0; i + 1 < spoken.size(); i++) {
            SpokenSentence q = spoken.get(i);
            SpokenSentence a = spoken.get(i + 1);
            if (q.role() != Role.CLINICIAN
                    || a.role() != Role.PATIENT
                    || !q.text().endsWith("?")) {
                continue;
            }
            String question = Disfluencies.clean(q.text()).toLowerCase(Locale.ROOT);
            String answer = Disfluencies.clean(a.text()).toLowerCase(Locale.ROOT);
            if (answer.split("\\s+").length > MAX_ANSWER_WORDS) {
                continue;
            }
            Matcher m = ASKED.matcher(question.replaceAll("\\?+$", "").strip() + "?");
            if (!m.find()) {
                continue;
            }
            String finding = m.group(1).replaceAll("[,\\s]+$", "").strip();
            if (finding.split("\\s+").length > 8
                    || NOT_A_FINDING.matcher(finding).find()) {
                continue;
            }
            String verb =
                    NO.matcher(answer).find() ? "Denies " : YES.matcher(answer).find() ? "Endorses " : null;
            if (verb != null) {
                out.add(new NoteSentence(verb + finding + ".", List.of(q.cues(), a.cues())));
            }
        }
        return out;
    }
}
