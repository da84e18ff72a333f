package io.scribehook.scribe.roles;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A person's name reduced to the words that identify them: lower case, accents, punctuation,
 * titles ({@code Dr.}, {@code MD}, {@code NP}, {@code Mrs}) and device suffixes ({@code Jane's
 * iPhone}) removed.
 */
record PersonName(List<String> words) {
    private static final Set<String> NOISE = Set.of(
            "dr",
            "doctor",
            "md",
            "do",
            "np",
            "pa",
            "pac",
            "rn",
            "lpn",
            "fnp",
            "dnp",
            "aprn",
            "apn",
            "crnp",
            "phd",
            "psyd",
            "dds",
            "dmd",
            "dpm",
            "od",
            "lcsw",
            "lmft",
            "lpc",
            "mr",
            "mrs",
            "ms",
            "miss",
            "mx",
            "prof",
            "professor",
            "nurse",
            "jr",
            "sr",
            "ii",
            "iii",
            "iv",
            "s",
            "iphone",
            "ipad",
            "android",
            "galaxy",
            "pixel",
            "phone",
            "zoom",
            "user",
            "guest",
            "bc",
            "c");

    /** Strength of a match between a display name and an appointment's name. */
    enum Match {
        NONE,
        FIRST_NAME,
        SURNAME,
        FULL
    }

    static PersonName of(String name) {
        if (name == null) {
            return new PersonName(List.of());
        }
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("['\u2019]", "")
                .replaceAll("[^\\p{L}]+", " ");
        List<String> words = new ArrayList<>();
        for (String w : plain.strip().split(" ")) {
            if (!w.isEmpty() && !NOISE.contains(w)) {
                words.add(w);
            }
        }
        return new PersonName(List.copyOf(words));
    }

    boolean isEmpty() {
        return words.isEmpty();
    }

    /** How well this display name matches {@code appointment}'s name. */
    Match match(PersonName appointment) {
        if (isEmpty() || appointment.isEmpty()) {
            return Match.NONE;
        }
        List<String> a = appointment.words();
        if (words.containsAll(a) && (a.size() > 1 || words.size() == 1)) {
            return Match.FULL;
        }
        String surname = a.get(a.size() - 1);
        if (a.size() > 1 && words.contains(surname)) {
            return Match.SURNAME;
        }
        if (words.size() == 1 && a.size() > 1 && words.get(0).equals(a.get(0))) {
            return Match.FIRST_NAME;
        }
        return Match.NONE;
    }
}
