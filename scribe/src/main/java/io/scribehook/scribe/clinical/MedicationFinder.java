package io.scribehook.scribe.clinical;

import io.scribehook.scribe.clinical.ClinicalLexicon.MedicationName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Medication mentions in a turn with the dose, route and frequency said next to them, and whether
 * the clause denies or stops them.
 */
final class MedicationFinder {
    private static final int DOSE_AFTER = 8;
    private static final int DOSE_BEFORE = 5;
    private static final int ATTRIBUTES_AFTER = 14;
    private static final int ROUTE_BEFORE = 4;
    private static final int NEGATION_BEFORE = 8;

    /** Words after a name that make it a lab value or a condition, not a medication. */
    private static final Set<String> NOT_A_MEDICATION_AFTER =
            Set.of("level", "levels", "deficiency", "deficient", "resistance", "studies", "panel", "test", "count");

    private static final PhraseMatcher<String> DOSE_UNITS = new PhraseMatcher<String>()
            .add("mg", "mg")
            .add("mgs", "mg")
            .add("milligram", "mg")
            .add("milligrams", "mg")
            .add("mcg", "mcg")
            .add("microgram", "mcg")
            .add("micrograms", "mcg")
            .add("g", "g")
            .add("gram", "g")
            .add("grams", "g")
            .add("unit", "units")
            .add("units", "units")
            .add("iu", "units")
            .add("international units", "units")
            .add("ml", "mL")
            .add("milliliter", "mL")
            .add("milliliters", "mL")
            .add("cc", "mL")
            .add("ccs", "mL")
            .add("puff", "puffs")
            .add("puffs", "puffs")
            .add("tablet", "tablets")
            .add("tablets", "tablets")
            .add("tab", "tablets")
            .add("tabs", "tablets")
            .add("pill", "tablets")
            .add("pills", "tablets")
            .add("capsule", "capsules")
            .add("capsules", "capsules")
            .add("%", "%")
            .add("percent", "%");

    private static final PhraseMatcher<String> ROUTES = new PhraseMatcher<String>()
            .add("by mouth", "oral")
            .add("orally", "oral")
            .add("oral", "oral")
            .add("po", "oral")
            .add("pill", "oral")
            .add("pills", "oral")
            .add("tablet", "oral")
            .add("tablets", "oral")
            .add("capsule", "oral")
            .add("capsules", "oral")
            .add("topical", "topical")
            .add("topically", "topical")
            .add("cream", "topical")
            .add("ointment", "topical")
            .add("gel", "topical")
            .add("lotion", "topical")
            .add("inhaler", "inhaled")
            .add("inhaled", "inhaled")
            .add("inhalation", "inhaled")
            .add("puff", "inhaled")
            .add("puffs", "inhaled")
            .add("nebulizer", "inhaled")
            .add("neb", "inhaled")
            .add("nebs", "inhaled")
            .add("subcutaneous", "subcutaneous")
            .add("subcutaneously", "subcutaneous")
            .add("subq", "subcutaneous")
            .add("sub q", "subcutaneous")
            .add("under the skin", "subcutaneous")
            .add("injection", "injection")
            .add("injections", "injection")
            .add("injectable", "injection")
            .add("inject", "injection")
            .add("shot", "injection")
            .add("shots", "injection")
            .add("intramuscular", "intramuscular")
            .add("intramuscularly", "intramuscular")
            .add("iv", "intravenous")
            .add("intravenous", "intravenous")
            .add("intravenously", "intravenous")
            .add("infusion", "intravenous")
            .add("infusions", "intravenous")
            .add("nasal spray", "nasal")
            .add("nose spray", "nasal")
            .add("intranasal", "nasal")
            .add("patch", "transdermal")
            .add("patches", "transdermal")
            .add("transdermal", "transdermal")
            .add("sublingual", "sublingual")
            .add("under the tongue", "sublingual")
            .add("eye drops", "ophthalmic")
            .add("eye drop", "ophthalmic")
            .add("suppository", "rectal")
            .add("rectal", "rectal")
            .add("rectally", "rectal");

    private static final PhraseMatcher<String> FREQUENCIES = frequencies();

    /** Triggers that negate a name at most this many words after them. */
    private static final PhraseMatcher<Integer> NEGATIONS = negations();

    /** How a next turn that answers "no" to "are you taking X" starts. */
    private static final PhraseMatcher<Boolean> NO_ANSWERS = new PhraseMatcher<Boolean>()
            .add("no", true)
            .add("nope", true)
            .add("never", true)
            .add("not anymore", true)
            .add("i stopped", true)
            .add("i never", true)
            .add("i quit", true)
            .add("i'm not", true)
            .add("i am not", true)
            .add("i don't", true)
            .add("i do n't", true)
            .add("i haven't", true)
            .add("i have n't", true)
            .add("i ran out", true);

    private static final PhraseMatcher<Boolean> NEGATIONS_AFTER = new PhraseMatcher<Boolean>()
            .add("stopped", true)
            .add("discontinued", true)
            .add("quit", true)
            .add("anymore", true)
            .add("any more", true)
            .add("no longer", true)
            .add("ran out", true)
            .add("allergic", true)
            .add("allergy", true)
            .add("hives", true)
            .add("anaphylaxis", true);

    /** Words that may join the names of a list, which then share a negation. */
    private static final Set<String> LIST_WORDS =
            Set.of(",", "and", "or", "nor", "the", "any", "my", "your", "his", "her", "their", "some", "also");

    private static final Set<String> TAKE_VERBS =
            Set.of("take", "taking", "took", "taken", "takes", "on", "using", "use", "used", "tried", "try", "filled");

    /** Words that end a negation's scope. */
    private static final Set<String> CLAUSE_BREAKS = Set.of(
            ",",
            ":",
            "but",
            "however",
            "although",
            "though",
            "instead",
            "still",
            "now",
            "so",
            "then",
            "because",
            "until",
            "since",
            "while",
            "except",
            "started",
            "starting",
            "start",
            "switch",
            "switched",
            "switching",
            "restart",
            "restarted",
            "continue",
            "continuing",
            "resume",
            "also");

    /** Salt and release words between a name and its strength: {@code metoprolol tartrate 25}. */
    private static final Set<String> FORMULATIONS = Set.of(
            "succinate",
            "tartrate",
            "hcl",
            "hydrochloride",
            "sodium",
            "potassium",
            "xl",
            "xr",
            "er",
            "sr",
            "cr",
            "la",
            "dr",
            "ec",
            "extended",
            "release",
            "odt");

    private static final Set<String> TIME_UNITS = Set.of(
            "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "minute", "minutes",
            "times", "time", "o'clock", "am", "pm", "pounds", "percent", "%", "over", "/");

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
            String dose = dose(t, m, sentenceStart, Math.min(after, m.end() + DOSE_AFTER));
            String route = route(t, m, sentenceStart, after);
            String frequency = frequency(t, m.end(), after);
            if (dose == null && frequency == null && k + 1 == mentions.size() && asked(t, m) && answer != null) {
                int limit = answerLimit(answer);
                dose = doseWithUnit(answer, 0, limit);
                frequency = frequency(answer, 0, limit);
                route = route != null ? route : routeIn(answer, 0, limit);
            }
            boolean negated;
            if (k > 0 && isList(t, mentions.get(k - 1).end(), m.start())) {
                negated = previousNegated;
            } else if (k + 1 == mentions.size() && answeredNo(t, m, answer)) {
                negated = true;
            } else {
                negated = !t.inQuestion(m.start()) && negated(t, m, previousEnd, nextStart);
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

    private static String doseWithUnit(TokenizedText t, int from, int to) {
        for (int i = from; i < to; i++) {
            SpokenNumber n = SpokenNumber.at(t, i, false);
            if (n != null) {
                PhraseMatcher.Match<String> unit = DOSE_UNITS.at(t, n.end());
                if (unit != null) {
                    return doseText(n, unit.value());
                }
                i = n.end() - 1;
            }
        }
        return null;
    }

    private static String routeIn(TokenizedText t, int from, int to) {
        PhraseMatcher.Match<String> r = ROUTES.first(t, from, to);
        return r != null && r.end() <= to ? r.value() : null;
    }

    private static String dose(TokenizedText t, PhraseMatcher.Match<MedicationName> m, int sentenceStart, int after) {
        int first = m.end();
        while (FORMULATIONS.contains(t.word(first))) {
            first++;
        }
        for (int i = m.end(); i < after; i++) {
            SpokenNumber n = SpokenNumber.at(t, i, false);
            if (n == null) {
                continue;
            }
            PhraseMatcher.Match<String> unit = DOSE_UNITS.at(t, n.end());
            if (unit != null) {
                return doseText(n, unit.value());
            }
            if (i == first && !TIME_UNITS.contains(t.word(n.end())) && n.value() > 0) {
                return n.text();
            }
            i = n.end() - 1;
        }
        int from = Math.max(sentenceStart, m.start() - DOSE_BEFORE);
        for (int i = from; i < m.start(); i++) {
            SpokenNumber n = SpokenNumber.at(t, i, false);
            if (n == null) {
                continue;
            }
            PhraseMatcher.Match<String> unit = DOSE_UNITS.at(t, n.end());
            if (unit != null && (unit.end() == m.start() || (t.is(unit.end(), "of") && unit.end() + 1 >= m.start()))) {
                return doseText(n, unit.value());
            }
            i = n.end() - 1;
        }
        return null;
    }

    private static String doseText(SpokenNumber n, String unit) {
        String value = n.text();
        if ((unit.equals("tablets") || unit.equals("capsules") || unit.equals("puffs")) && n.value() == 1) {
            unit = unit.substring(0, unit.length() - 1);
        }
        return unit.equals("%") ? value + "%" : value + " " + unit;
    }

    private static String route(TokenizedText t, PhraseMatcher.Match<MedicationName> m, int sentenceStart, int after) {
        PhraseMatcher.Match<String> r = ROUTES.first(t, m.end(), after);
        if (r != null && r.end() <= after) {
            return r.value();
        }
        r = ROUTES.first(t, Math.max(sentenceStart, m.start() - ROUTE_BEFORE), m.start());
        return r != null && r.end() <= m.start() ? r.value() : null;
    }

    private static String frequency(TokenizedText t, int from, int to) {
        String main = null;
        boolean asNeeded = false;
        for (int i = from; i < to; i++) {
            if (t.is(i, "more") && t.is(i + 1, "than") || t.is(i, "maximum", "max", "most")) {
                break;
            }
            PhraseMatcher.Match<String> f = FREQUENCIES.at(t, i);
            if (f != null) {
                if (f.value().equals("as needed")) {
                    asNeeded = true;
                } else if (main == null) {
                    main = f.value();
                }
                i = f.end() - 1;
                continue;
            }
            String every = everyHours(t, i);
            if (every != null && main == null) {
                main = every;
            }
        }
        if (main == null) {
            return asNeeded ? "as needed" : null;
        }
        return asNeeded ? main + " as needed" : main;
    }

    /** {@code every 8 hours}, {@code every four to six hours}, {@code q 6 hours}. */
    private static String everyHours(TokenizedText t, int i) {
        if (!t.is(i, "every", "q")) {
            return null;
        }
        SpokenNumber n = SpokenNumber.at(t, i + 1, false);
        if (n == null) {
            return null;
        }
        String text = n.text();
        int j = n.end();
        if (t.is(j, "to", "or")) {
            SpokenNumber upper = SpokenNumber.at(t, j + 1, false);
            if (upper != null) {
                text = text + " to " + upper.text();
                j = upper.end();
            }
        }
        if (t.is(j, "hours", "hour", "hrs", "hr", "h")) {
            return "every " + text + " hours";
        }
        if (t.is(j, "days")) {
            return "every " + text + " days";
        }
        if (t.is(j, "weeks")) {
            return "every " + text + " weeks";
        }
        return null;
    }

    private static boolean isList(TokenizedText t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!LIST_WORDS.contains(t.word(i))) {
                return false;
            }
        }
        return to - from <= 3;
    }

    /** Asked "are you taking X" (a question, or the end of an unpunctuated turn) and the reply starts with a no. */
    private static boolean answeredNo(TokenizedText t, PhraseMatcher.Match<MedicationName> m, TokenizedText answer) {
        if (answer == null || (!t.inQuestion(m.start()) && t.size() - m.end() > 6)) {
            return false;
        }
        boolean asksTaking = elliptical(t, m);
        for (int i = Math.max(t.sentenceStart(m.start()), m.start() - 5); i < m.start(); i++) {
            asksTaking |= TAKE_VERBS.contains(t.word(i)) && !t.is(i, "on") || t.is(i, "on") && t.is(i - 1, "still");
        }
        if (!asksTaking) {
            return false;
        }
        int i = 0;
        while (answer.is(i, ",", "uh", "um", "well", "oh", "actually")) {
            i++;
        }
        PhraseMatcher.Match<Boolean> no = NO_ANSWERS.at(answer, i);
        return no != null;
    }

    /** {@code and the X?}, {@code what about your X}: a name asked about on its own at the end of a turn. */
    private static boolean elliptical(TokenizedText t, PhraseMatcher.Match<MedicationName> m) {
        if (m.end() < t.size() - 1 || (m.end() == t.size() - 1 && !t.isSentenceEnd(m.end()))) {
            return false;
        }
        int i = m.start() - 1;
        while (t.is(i, "the", "your", "you're", "on")) {
            i--;
        }
        return t.is(i, "and") || (t.is(i, "about") && t.is(i - 1, "what", "how"));
    }

    private static boolean negated(
            TokenizedText t, PhraseMatcher.Match<MedicationName> m, int previousEnd, int nextStart) {
        int from = Math.max(Math.max(t.sentenceStart(m.start()), m.start() - NEGATION_BEFORE), previousEnd);
        int start = m.start();
        while (start > from && !(CLAUSE_BREAKS.contains(t.word(start - 1)) && !isNot(t.word(start - 2)))) {
            start--;
        }
        for (int i = start; i < m.start(); i++) {
            PhraseMatcher.Match<Integer> n = NEGATIONS.at(t, i);
            if (n != null && n.end() <= m.start() && m.start() - n.end() <= n.value()) {
                return true;
            }
            if (isNot(t.word(i)) && m.start() - i <= 6) {
                for (int j = i + 1; j < Math.min(m.start(), i + 4); j++) {
                    if (TAKE_VERBS.contains(t.word(j))) {
                        return true;
                    }
                }
            }
        }
        for (int i = m.end(); i < nextStart && !t.isSentenceEnd(i); i++) {
            if (CLAUSE_BREAKS.contains(t.word(i)) && !(t.is(i, ",") && i == m.end())) {
                break;
            }
            PhraseMatcher.Match<Boolean> n = NEGATIONS_AFTER.at(t, i);
            if (n != null) {
                return true;
            }
            if (isNot(t.word(i)) && TAKE_VERBS.contains(t.word(i + 1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNot(String w) {
        return w.equals("not") || w.equals("n't") || w.endsWith("n't") || w.equals("cannot") || w.equals("never");
    }

    private static PhraseMatcher<Integer> negations() {
        PhraseMatcher<Integer> n = new PhraseMatcher<>();
        for (String s : List.of("denies", "deny", "denied", "denying", "allergic", "allergy", "allergies")) {
            n.add(s, 8);
        }
        for (String s : List.of(
                "never", "without", "no longer", "used to", "never started", "never filled", "avoid", "avoiding")) {
            n.add(s, 5);
        }
        for (String s : List.of(
                "stopped",
                "stopping",
                "stop",
                "discontinue",
                "discontinued",
                "discontinuing",
                "quit",
                "quitting",
                "hold",
                "holding",
                "held",
                "ran out",
                "run out",
                "running out",
                "out of",
                "get off",
                "got off",
                "came off",
                "come off",
                "go off",
                "went off",
                "off of",
                "off",
                "take you off",
                "taking you off",
                "gave up",
                "no more")) {
            n.add(s, 4);
        }
        n.add("no", 2);
        return n;
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

    private static PhraseMatcher<String> frequencies() {
        PhraseMatcher<String> f = new PhraseMatcher<>();
        for (String s : List.of(
                "once a day",
                "once daily",
                "one time a day",
                "one time per day",
                "once per day",
                "every day",
                "each day",
                "daily",
                "a day",
                "per day",
                "qd",
                "once a night",
                "once every day")) {
            f.add(s, "once a day");
        }
        for (String s : List.of(
                "twice a day",
                "twice daily",
                "two times a day",
                "two times daily",
                "twice per day",
                "bid",
                "b.i.d",
                "two times per day",
                "every twelve hours",
                "every 12 hours")) {
            f.add(s, "twice a day");
        }
        for (String s : List.of("three times a day", "three times daily", "tid", "three times per day")) {
            f.add(s, "three times a day");
        }
        for (String s : List.of("four times a day", "four times daily", "qid", "four times per day")) {
            f.add(s, "four times a day");
        }
        for (String s : List.of("every morning", "in the morning", "each morning", "in the mornings", "qam")) {
            f.add(s, "in the morning");
        }
        for (String s : List.of(
                "at night",
                "every night",
                "at bedtime",
                "before bed",
                "before bedtime",
                "nightly",
                "qhs",
                "each night",
                "in the evening",
                "every evening",
                "at nighttime",
                "before you go to bed")) {
            f.add(s, "at night");
        }
        f.add("every other day", "every other day");
        for (String s : List.of("once a week", "weekly", "every week", "one time a week", "once per week")) {
            f.add(s, "once a week");
        }
        for (String s : List.of("twice a week", "two times a week")) {
            f.add(s, "twice a week");
        }
        for (String s : List.of("once a month", "monthly", "every month", "once per month")) {
            f.add(s, "once a month");
        }
        for (String s : List.of(
                "as needed",
                "as need",
                "when needed",
                "prn",
                "if needed",
                "when you need it",
                "as you need it",
                "as necessary",
                "when necessary",
                "if you need it",
                "as you need")) {
            f.add(s, "as needed");
        }
        return f;
    }
}
