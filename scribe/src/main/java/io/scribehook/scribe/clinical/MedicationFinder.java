package io.scribehook.scribe.clinical;

import io.scribehook.scribe.clinical.ClinicalLexicon.MedicationName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Medication mentions in a turn (names of the lexicon, not when followed by {@code level} or
 * {@code deficiency}), with the {@link DosageReader dosage} said next to them (or, for a name asked
 * about, in the reply) and their {@link NegationScope negation}; and their merging into one entry a
 * generic.
 */
final class MedicationFinder {
    private static final int ATTRIBUTES_AFTER = 14;

    /** Words after a name that make it a lab value or a condition, not a medication. */
    private static final Set<String> NOT_A_MEDICATION_AFTER =
            Set.of("level", "levels", "deficiency", "deficient", "resistance", "studies", "panel", "test", "count");

    private final PhraseMatcher<MedicationName> names = new PhraseMatcher<>();

    MedicationFinder(ClinicalLexicon lexicon) {
        for (MedicationName m : lexicon.medications()) {
            names.add(m.name(), m);
        }
    }

    /**
     * The mentions in {@code t}; {@code answer} is the next turn when another speaker says it (a
     * "no" there negates a name asked about with "are you taking"), else null.
     */
    List<Medication> find(TokenizedText t, TokenizedText answer) {
        List<PhraseMatcher.Match<MedicationName>> mentions = new ArrayList<>();
        for (PhraseMatcher.Match<MedicationName> m : names.all(t)) {
            if (!NOT_A_MEDICATION_AFTER.contains(t.word(m.end()))) {
                mentions.add(m);
            }
        }
        List<Medication> out = new ArrayList<>();
        boolean previousNegated = false;
        for (int k = 0; k < mentions.size(); k++) {
            PhraseMatcher.Match<MedicationName> m = mentions.get(k);
            int previousEnd = k == 0 ? 0 : mentions.get(k - 1).end();
            int nextStart = k + 1 < mentions.size() ? mentions.get(k + 1).start() : t.size();
            int sentenceStart = Math.max(t.sentenceStart(m.start()), previousEnd);
            int after = Math.min(Math.min(t.sentenceEnd(m.end()), nextStart), m.end() + ATTRIBUTES_AFTER);
            String dose = DosageReader.dose(t, m, sentenceStart, after);
            String route = DosageReader.route(t, m, sentenceStart, after);
            String frequency = DosageReader.frequency(t, m.end(), after);
            if (dose == null && frequency == null && k + 1 == mentions.size() && asked(t, m) && answer != null) {
                int limit = answerLimit(answer);
                dose = DosageReader.doseWithUnit(answer, 0, limit);
                frequency = DosageReader.frequency(answer, 0, limit);
                route = route != null ? route : DosageReader.routeIn(answer, 0, limit);
            }
            boolean negated;
            if (k > 0 && NegationScope.isList(t, mentions.get(k - 1).end(), m.start())) {
                negated = previousNegated;
            } else if (k + 1 == mentions.size() && NegationScope.answeredNo(t, m, answer)) {
                negated = true;
            } else {
                negated = !t.inQuestion(m.start()) && NegationScope.negated(t, m, previousEnd, nextStart);
            }
            previousNegated = negated;
            MedicationName name = m.value();
            out.add(new Medication(name.name(), name.generic(), dose, route, frequency, negated, t.source(m.start())));
        }
        return out;
    }

    /** Asked about: in a question, or the last words of the turn. */
    private static boolean asked(TokenizedText t, PhraseMatcher.Match<MedicationName> m) {
        return t.inQuestion(m.start()) || t.size() - m.end() <= 2;
    }

    /** The first sentence of an answer, up to where it names a medication of its own. */
    private int answerLimit(TokenizedText answer) {
        int limit = Math.min(answer.sentenceEnd(0), ATTRIBUTES_AFTER);
        PhraseMatcher.Match<MedicationName> other = names.first(answer, 0, limit);
        return other == null ? limit : other.start();
    }

    /**
     * One entry a medication: the status (negated or not) of its last mention, and among the
     * mentions with that status the most complete (ties: the later), missing fields filled from the
     * others; in order of first mention.
     */
    static List<Medication> merge(List<Medication> mentions) {
        Map<String, List<Medication>> byGeneric = new LinkedHashMap<>();
        for (Medication m : mentions) {
            byGeneric.computeIfAbsent(m.generic(), g -> new ArrayList<>()).add(m);
        }
        List<Medication> out = new ArrayList<>();
        for (List<Medication> all : byGeneric.values()) {
            boolean negated = all.get(all.size() - 1).negated();
            List<Medication> same =
                    all.stream().filter(m -> m.negated() == negated).toList();
            Medication best = same.get(0);
            for (Medication m : same) {
                if (completeness(m) >= completeness(best)) {
                    best = m;
                }
            }
            String dose = best.dose();
            String route = best.route();
            String frequency = best.frequency();
            List<Medication> fillFrom = new ArrayList<>(same.reversed());
            fillFrom.addAll(all.reversed());
            for (Medication m : fillFrom) {
                dose = dose != null ? dose : m.dose();
                route = route != null ? route : m.route();
                frequency = frequency != null ? frequency : m.frequency();
            }
            out.add(new Medication(best.name(), best.generic(), dose, route, frequency, negated, best.source()));
        }
        return out;
    }

    private static int completeness(Medication m) {
        return (m.dose() == null ? 0 : 1) + (m.route() == null ? 0 : 1) + (m.frequency() == null ? 0 : 1);
    }
}
