package io.scribehook.scribe.clinical;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Vital signs and measurements in a turn: a keyword ({@code blood pressure}, {@code bp}, {@code
 * pulse}, {@code a1c}, ...) followed within the sentence by a plausible value, or a value that
 * says what it is on its own ({@code 120/80}, {@code 130 over 85}, {@code 72 beats per minute},
 * {@code 101 degrees}, {@code 5 feet 10}). Targets ({@code goal}, {@code below}, {@code less than})
 * are not readings.
 */
final class VitalFinder {
    private static final int WINDOW = 10;

    private static final PhraseMatcher<String> KEYWORDS = keywords();

    private static final Set<String> NOT_A_READING_AFTER_KEYWORD = Set.of(
            "loss",
            "gain",
            "lost",
            "gained",
            "medicine",
            "medicines",
            "medication",
            "medications",
            "meds",
            "pill",
            "pills",
            "goal",
            "goals",
            "target",
            "control",
            "management",
            "bearing",
            "training");

    private static final Set<String> STOP_WORDS = Set.of(
            "goal", "target", "below", "under", "less", "lower", "above", "greater", "than", "keep", "aim", "aiming",
            "ideally", "should", "lose", "gain", "lost", "gained", "drop", "dropped");

    /** Words that, for weight, mean a change rather than a reading. */
    private static final Set<String> WEIGHT_CHANGE = Set.of("up", "down", "more", "less", "another");

    private static final Set<String> REJECT_AFTER_VALUE = Set.of(
            "day",
            "days",
            "week",
            "weeks",
            "month",
            "months",
            "year",
            "years",
            "hour",
            "hours",
            "minute",
            "minutes",
            "times",
            "time",
            "mg",
            "milligrams",
            "milligram",
            "units",
            "unit",
            "mcg",
            "ml",
            "liters",
            "liter",
            "l",
            "tablets",
            "pills",
            "puffs",
            "out",
            "o'clock",
            "am",
            "pm");

    private static final Set<String> POUNDS = Set.of("pounds", "pound", "lbs", "lb");
    private static final Set<String> KILOGRAMS = Set.of("kilograms", "kilogram", "kg", "kgs", "kilos", "kilo");

    List<Vital> find(TokenizedText t) {
        List<Vital> out = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < t.size(); i++) {
            PhraseMatcher.Match<String> keyword = KEYWORDS.at(t, i);
            if (keyword == null) {
                continue;
            }
            i = keyword.end() - 1;
            if (NOT_A_READING_AFTER_KEYWORD.contains(t.word(keyword.end()))) {
                continue;
            }
            int limit = Math.min(t.sentenceEnd(keyword.end()), keyword.end() + WINDOW);
            for (int j = keyword.end(); j < limit; j++) {
                if (STOP_WORDS.contains(t.word(j))
                        || (keyword.value().equals("weight")
                                && WEIGHT_CHANGE.contains(t.word(j))
                                && !t.is(j + 1, "to", "at"))
                        || (j > keyword.end() && KEYWORDS.at(t, j) != null)) {
                    break;
                }
                SpokenNumber n = SpokenNumber.at(t, j, true);
                if (n == null) {
                    continue;
                }
                Reading r = read(keyword.value(), t, n);
                if (r != null) {
                    out.add(new Vital(keyword.value(), r.value(), r.unit(), t.source(j)));
                    for (int k = j; k < r.end(); k++) {
                        used.add(k);
                    }
                    i = Math.max(i, r.end() - 1);
                    Reading earlier = previous(keyword.value(), t, r.end());
                    if (earlier != null) {
                        out.add(new Vital(keyword.value(), earlier.value(), earlier.unit(), t.source(r.end())));
                        i = Math.max(i, earlier.end() - 1);
                    }
                }
                break;
            }
        }
        for (int j = 0; j < t.size(); j++) {
            if (used.contains(j) || STOP_WORDS.contains(t.word(j - 1)) || t.is(j - 1, "than")) {
                continue;
            }
            SpokenNumber n = SpokenNumber.at(t, j, true);
            if (n == null) {
                continue;
            }
            Standalone s = standalone(t, n);
            if (s != null) {
                out.add(new Vital(s.kind(), s.reading().value(), s.reading().unit(), t.source(j)));
                j = s.reading().end() - 1;
            } else {
                j = n.end() - 1;
            }
        }
        return out;
    }

    /** Vitals in order, one entry for each kind and value. */
    static List<Vital> distinct(List<Vital> vitals) {
        Map<String, Vital> byKey = new LinkedHashMap<>();
        for (Vital v : vitals) {
            byKey.putIfAbsent(v.kind() + "\u0000" + v.value(), v);
        }
        return List.copyOf(byKey.values());
    }

    private record Reading(String value, String unit, int end) {}

    private record Standalone(String kind, Reading reading) {}

    private static Standalone standalone(TokenizedText t, SpokenNumber n) {
        Reading bp = bloodPressure(t, n);
        if (bp != null) {
            return new Standalone("blood_pressure", bp);
        }
        int j = n.end();
        if (t.is(j, "bpm") || (t.is(j, "beats") && t.is(j + 1, "per", "a") && t.is(j + 2, "minute"))) {
            Reading r = inRange(n, 25, 250, "bpm", t.is(j, "bpm") ? j + 1 : j + 3);
            return r == null ? null : new Standalone("heart_rate", r);
        }
        if (t.is(j, "degrees")) {
            Reading r = temperature(t, n);
            return r == null ? null : new Standalone("temperature", r);
        }
        if (t.is(j, "feet", "foot", "ft")) {
            Reading r = height(t, n);
            return r == null ? null : new Standalone("height", r);
        }
        return null;
    }

    private static Reading read(String kind, TokenizedText t, SpokenNumber n) {
        if (kind.equals("blood_pressure")) {
            return bloodPressure(t, n);
        }
        if (t.is(n.end(), "/", "over") && SpokenNumber.at(t, n.end() + 1, true) != null) {
            return null;
        }
        Reading r = switch (kind) {
            case "heart_rate" ->
                inRange(n, 25, 250, "bpm", skip(t, n.end(), "bpm", "beats per minute", "beats a minute"));
            case "respiratory_rate" ->
                inRange(n, 6, 60, "/min", skip(t, n.end(), "breaths per minute", "breaths a minute"));
            case "oxygen_saturation" -> inRange(n, 50, 100, "%", skip(t, n.end(), "%", "percent"));
            case "temperature" -> temperature(t, n);
            case "weight" -> weight(t, n);
            case "height" -> height(t, n);
            case "bmi" -> inRange(n, 10, 90, "kg/m2", n.end());
            case "glucose" -> inRange(n, 20, 900, "mg/dL", skip(t, n.end(), "mg/dl", "milligrams per deciliter", "s"));
            case "a1c" -> inRange(n, 3, 20, "%", skip(t, n.end(), "%", "percent"));
            default -> null;
        };
        if (r == null || REJECT_AFTER_VALUE.contains(t.word(r.end()))) {
            return null;
        }
        return r;
    }

    /** A reading's earlier value said right after it: {@code 8.2, up from 7.5}. */
    private static Reading previous(String kind, TokenizedText t, int at) {
        for (int j = at; j < Math.min(at + 5, t.size()) && !t.isSentenceEnd(j); j++) {
            if (t.is(j, "from")) {
                SpokenNumber n = SpokenNumber.at(t, j + 1, true);
                return n == null ? null : read(kind, t, n);
            }
        }
        return null;
    }

    private static int skip(TokenizedText t, int at, String... phrases) {
        for (String p : phrases) {
            List<String> words = TokenizedText.words(p);
            boolean all = true;
            for (int k = 0; k < words.size() && all; k++) {
                all = t.is(at + k, words.get(k));
            }
            if (all) {
                return at + words.size();
            }
        }
        return at;
    }

    private static Reading inRange(SpokenNumber n, double min, double max, String unit, int end) {
        return n.value() >= min && n.value() <= max ? new Reading(n.text(), unit, end) : null;
    }

    private static Reading bloodPressure(TokenizedText t, SpokenNumber systolic) {
        int j = systolic.end();
        if (!t.is(j, "/", "over")) {
            return null;
        }
        SpokenNumber diastolic = SpokenNumber.at(t, j + 1, true);
        if (diastolic == null) {
            return null;
        }
        double s = systolic.value();
        double d = diastolic.value();
        if (s < 60 || s > 260 || d < 30 || d > 160 || d >= s || s != Math.rint(s) || d != Math.rint(d)) {
            return null;
        }
        int end = skip(t, diastolic.end(), "mmhg", "mm hg", "millimeters of mercury");
        if (REJECT_AFTER_VALUE.contains(t.word(end))) {
            return null;
        }
        return new Reading(systolic.text() + "/" + diastolic.text(), "mmHg", end);
    }

    private static Reading temperature(TokenizedText t, SpokenNumber spoken) {
        SpokenNumber n = spokenDecimal(t, spoken);
        int j = skip(t, n.end(), "degrees");
        boolean celsius = t.is(j, "celsius", "c", "centigrade");
        boolean fahrenheit = t.is(j, "fahrenheit", "f");
        int end = celsius || fahrenheit ? j + 1 : j;
        double v = n.value();
        if (!celsius && v >= 90 && v <= 110) {
            return new Reading(n.text(), "F", end);
        }
        if (!fahrenheit && v >= 34 && v <= 43) {
            return new Reading(n.text(), "C", end);
        }
        return null;
    }

    /**
     * Speech recognition that writes {@code 97.7} as {@code ninety seven . seven}: a whole number in
     * words, a period, one digit word and no more words of a number.
     */
    private static SpokenNumber spokenDecimal(TokenizedText t, SpokenNumber n) {
        int j = n.end();
        if (!t.is(j, ".") || Character.isDigit(t.word(n.end() - 1).charAt(0))) {
            return n;
        }
        SpokenNumber digit = SpokenNumber.at(t, j + 1, false);
        if (digit == null || digit.end() != j + 2 || digit.value() > 9 || digit.value() != Math.rint(digit.value())) {
            return n;
        }
        return new SpokenNumber(n.value() + digit.value() / 10, digit.end());
    }

    private static Reading weight(TokenizedText t, SpokenNumber n) {
        int j = n.end();
        if (POUNDS.contains(t.word(j))) {
            return inRange(n, 2, 900, "lb", j + 1);
        }
        if (KILOGRAMS.contains(t.word(j))) {
            return inRange(n, 1, 400, "kg", j + 1);
        }
        return inRange(n, 40, 900, null, j);
    }

    private static Reading height(TokenizedText t, SpokenNumber n) {
        int j = n.end();
        if (t.is(j, "feet", "foot", "ft")) {
            double inches = n.value() * 12;
            int end = j + 1;
            int k = t.is(end, ",", "and") ? end + 1 : end;
            SpokenNumber rest = SpokenNumber.at(t, k, false);
            if (rest != null && rest.value() < 12) {
                inches += rest.value();
                end = skip(t, rest.end(), "inches", "inch", "in");
            }
            return n.value() >= 2 && n.value() <= 8 ? new Reading(SpokenNumber.format(inches), "in", end) : null;
        }
        if (t.is(j, "inches", "inch", "in")) {
            return inRange(n, 20, 100, "in", j + 1);
        }
        if (t.is(j, "centimeters", "centimeter", "cm")) {
            return inRange(n, 50, 250, "cm", j + 1);
        }
        return null;
    }

    private static PhraseMatcher<String> keywords() {
        PhraseMatcher<String> k = new PhraseMatcher<>();
        for (String s : List.of("blood pressure", "bp", "pressure", "blood pressures", "pressures")) {
            k.add(s, "blood_pressure");
        }
        for (String s : List.of("heart rate", "pulse", "hr", "pulse rate", "heart rates")) {
            k.add(s, "heart_rate");
        }
        for (String s : List.of("temperature", "temp", "fever of", "fever", "febrile to", "temperatures")) {
            k.add(s, "temperature");
        }
        for (String s :
                List.of("respiratory rate", "respirations", "resp rate", "breathing rate", "rr", "respiration rate")) {
            k.add(s, "respiratory_rate");
        }
        for (String s : List.of(
                "oxygen saturation",
                "o2 sat",
                "o2 sats",
                "o2 saturation",
                "sats",
                "sat",
                "satting",
                "saturation",
                "saturating",
                "pulse ox",
                "pulse oximetry",
                "spo2",
                "oxygen level",
                "oxygen levels",
                "oxygen",
                "o2",
                "pulse ox is")) {
            k.add(s, "oxygen_saturation");
        }
        for (String s : List.of("weight", "weighs", "weigh", "weighed", "weighing", "weight is")) {
            k.add(s, "weight");
        }
        for (String s : List.of("height", "tall")) {
            k.add(s, "height");
        }
        for (String s : List.of("bmi", "body mass index")) {
            k.add(s, "bmi");
        }
        for (String s : List.of(
                "blood sugar",
                "blood sugars",
                "sugar",
                "sugars",
                "glucose",
                "blood glucose",
                "glucoses",
                "fasting sugar",
                "fasting glucose",
                "fingerstick",
                "fingersticks",
                "sugar levels",
                "sugar level")) {
            k.add(s, "glucose");
        }
        for (String s : List.of(
                "a1c", "hemoglobin a1c", "hba1c", "a one c", "hemoglobin a one c", "a1cs", "glycated hemoglobin")) {
            k.add(s, "a1c");
        }
        return k;
    }
}
