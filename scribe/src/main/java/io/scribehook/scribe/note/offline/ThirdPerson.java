package io.scribehook.scribe.note.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns speech into a note's voice: the patient's "I have" becomes "she has", the clinician's
 * "your knee" becomes "her knee". Word by word, with the verb after a replaced "I" or "you" agreed
 * for the common verbs; other words are kept as spoken.
 */
final class ThirdPerson {
    private static final Map<String, String> THIRD = Map.ofEntries(
            Map.entry("have", "has"),
            Map.entry("do", "does"),
            Map.entry("am", "is"),
            Map.entry("are", "is"),
            Map.entry("were", "was"),
            Map.entry("don't", "doesn't"),
            Map.entry("haven't", "hasn't"),
            Map.entry("feel", "feels"),
            Map.entry("take", "takes"),
            Map.entry("get", "gets"),
            Map.entry("go", "goes"),
            Map.entry("think", "thinks"),
            Map.entry("want", "wants"),
            Map.entry("need", "needs"),
            Map.entry("know", "knows"),
            Map.entry("try", "tries"),
            Map.entry("use", "uses"),
            Map.entry("notice", "notices"),
            Map.entry("work", "works"),
            Map.entry("walk", "walks"),
            Map.entry("eat", "eats"),
            Map.entry("sleep", "sleeps"),
            Map.entry("drink", "drinks"),
            Map.entry("see", "sees"),
            Map.entry("hurt", "hurts"),
            Map.entry("say", "says"),
            Map.entry("like", "likes"),
            Map.entry("play", "plays"),
            Map.entry("run", "runs"),
            Map.entry("live", "lives"),
            Map.entry("smoke", "smokes"),
            Map.entry("exercise", "exercises"),
            Map.entry("wake", "wakes"),
            Map.entry("guess", "guesses"),
            Map.entry("believe", "believes"),
            Map.entry("remember", "remembers"),
            Map.entry("check", "checks"),
            Map.entry("monitor", "monitors"),
            Map.entry("deny", "denies"),
            Map.entry("report", "reports"));
    private static final List<String> YOU_AS_SUBJECT_BEFORE = List.of(
            "are", "have", "were", "can", "should", "will", "had", "do", "need", "might", "could", "would", "did",
            "may", "must", "also", "still", "just", "know", "feel", "take", "get", "go", "want");

    private ThirdPerson() {}

    /** The patient's own words in the third person. */
    static String patient(String text, PatientPronouns p) {
        String[] w = text.split(" ");
        List<String> out = new ArrayList<>(w.length);
        for (int i = 0; i < w.length; i++) {
            String t = w[i];
            String lower = t.toLowerCase(Locale.ROOT);
            switch (lower) {
                case "i" -> {
                    out.add(p.subject());
                    if (i + 1 < w.length && THIRD.containsKey(w[i + 1].toLowerCase(Locale.ROOT))) {
                        out.add(THIRD.get(w[++i].toLowerCase(Locale.ROOT)));
                    }
                }
                case "i'm" -> out.add(p.subject() + " is");
                case "i've" -> out.add(p.subject() + " has");
                case "i'd" -> out.add(p.subject() + " would");
                case "i'll" -> out.add(p.subject() + " will");
                case "my" -> out.add(p.possessive());
                case "me" -> out.add(p.object());
                case "myself" -> out.add(p.reflexive());
                case "mine" -> out.add(p.possessive());
                default -> out.add(t);
            }
        }
        return String.join(" ", out);
    }

    /** The clinician's words to the patient with "you" and "your" in the third person. */
    static String clinician(String text, PatientPronouns p) {
        String[] w = text.split(" ");
        List<String> out = new ArrayList<>(w.length);
        for (int i = 0; i < w.length; i++) {
            String lower = w[i].toLowerCase(Locale.ROOT);
            switch (lower) {
                case "you" -> {
                    String next = i + 1 < w.length ? w[i + 1].toLowerCase(Locale.ROOT) : "";
                    if (YOU_AS_SUBJECT_BEFORE.contains(next)) {
                        out.add(p.subject());
                        if (THIRD.containsKey(next) && !next.equals("know")) {
                            out.add(THIRD.get(next));
                            i++;
                        }
                    } else {
                        out.add(p.object());
                    }
                }
                case "you're" -> out.add(p.subject() + " is");
                case "you've" -> out.add(p.subject() + " has");
                case "your" -> out.add(p.possessive());
                case "yourself" -> out.add(p.reflexive());
                default -> out.add(w[i]);
            }
        }
        return String.join(" ", out);
    }
}
