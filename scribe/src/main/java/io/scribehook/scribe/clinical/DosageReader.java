package io.scribehook.scribe.clinical;

import io.scribehook.scribe.clinical.ClinicalLexicon.MedicationName;
import java.util.List;
import java.util.Set;

/**
 * The dose ({@code 20 mg}, {@code twenty milligrams}, {@code 0.5 mg}, {@code 1,000 units}), route
 * ({@code by mouth}, {@code inhaler}, {@code subcutaneous}, ...) and frequency ({@code twice a day},
 * {@code bid}, {@code every 8 hours}, {@code as needed}, {@code at bedtime}) said next to a
 * medication name, normalised.
 */
final class DosageReader {
    private DosageReader() {}

    private static final int DOSE_AFTER = 8;

    private static final int DOSE_BEFORE = 5;

    private static final int ROUTE_BEFORE = 4;

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

    static String doseWithUnit(TokenizedText t, int from, int to) {
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

    static String routeIn(TokenizedText t, int from, int to) {
        PhraseMatcher.Match<String> r = ROUTES.first(t, from, to);
        return r != null && r.end() <= to ? r.value() : null;
    }

    static String dose(TokenizedText t, PhraseMatcher.Match<MedicationName> m, int sentenceStart, int end) {
        int after = Math.min(end, m.end() + DOSE_AFTER);
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

    static String route(TokenizedText t, PhraseMatcher.Match<MedicationName> m, int sentenceStart, int after) {
        PhraseMatcher.Match<String> r = ROUTES.first(t, m.end(), after);
        if (r != null && r.end() <= after) {
            return r.value();
        }
        r = ROUTES.first(t, Math.max(sentenceStart, m.start() - ROUTE_BEFORE), m.start());
        return r != null && r.end() <= m.start() ? r.value() : null;
    }

    static String frequency(TokenizedText t, int from, int to) {
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
