package io.scribehook.scribe.roles;

import io.scribehook.scribe.vtt.Turn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a speaker talks, reduced to a clinician score: questions asked, clinician phrases ({@code
 * let's}, {@code i'm going to order}, {@code on exam}, {@code i want you to}), second person rather
 * than first, patient phrases (first-person symptoms, {@code doc}), and share of the talk. Higher
 * means more like a clinician; the scale only matters for comparing speakers.
 */
record TalkProfile(String speaker, int words, int turns, double score) {
    private static final Phrases CLINICIAN = new Phrases(List.of(
            "let's",
            "let us",
            "let me",
            "i'm going to",
            "i'm gonna",
            "i'm gon na",
            "i am going to",
            "we're going to",
            "we're gon na",
            "we are going to",
            "we'll",
            "we will",
            "i want you to",
            "i'd like you to",
            "i would like you to",
            "i'd like to",
            "on exam",
            "on examination",
            "on physical exam",
            "physical exam",
            "your exam",
            "on your",
            "i recommend",
            "i'd recommend",
            "i would recommend",
            "recommend",
            "prescribe",
            "prescription",
            "order",
            "refer",
            "referral",
            "your blood pressure",
            "your heart",
            "your lungs",
            "take a look",
            "take a listen",
            "any questions",
            "follow up",
            "follow-up",
            "come back",
            "see you back",
            "lab",
            "labs",
            "x-ray",
            "results",
            "diagnosis",
            "assessment",
            "plan",
            "impression",
            "tenderness",
            "range of motion",
            "bilaterally",
            "regular rate",
            "auscultation",
            "murmur",
            "how are you",
            "how is",
            "how's",
            "how long",
            "how often",
            "how much",
            "tell me",
            "can you",
            "could you",
            "do you",
            "have you",
            "are you",
            "did you",
            "does it",
            "is it",
            "any",
            "okay",
            "alright",
            "all right",
            "sounds good"));
    private static final Phrases PATIENT = new Phrases(List.of(
            "i've been",
            "i have been",
            "i feel",
            "i felt",
            "i'm feeling",
            "it hurts",
            "hurts",
            "my pain",
            "i noticed",
            "i get",
            "i got",
            "i had",
            "i was",
            "i take",
            "i'm taking",
            "i've had",
            "my wife",
            "my husband",
            "my son",
            "my daughter",
            "my mom",
            "my dad",
            "my back",
            "my knee",
            "my chest",
            "my stomach",
            "thank you",
            "thanks",
            "doc",
            "doctor",
            "yes",
            "yeah",
            "no",
            "nope",
            "sure",
            "mm-hmm",
            "uh",
            "um",
            "i don't know",
            "i do n't know",
            "i think",
            "kinda",
            "sort of",
            "i guess"));
    private static final Set<String> YOU = Set.of("you", "your", "you're", "you've", "yourself", "you'll");
    private static final Set<String> ME = Set.of("i", "my", "me", "i'm", "i've", "myself", "mine", "i'll");
    private static final Set<String> QUESTION_WORDS = Set.of(
            "do", "does", "did", "are", "is", "have", "has", "can", "could", "would", "how", "what", "when", "where",
            "which", "who", "why", "any");
    private static final Set<String> SENTENCE_ENDS = Set.of(".", "?", "!");

    static TalkProfile of(String speaker, List<Turn> turns, int totalWords, int speakers) {
        int words = 0;
        int questions = 0;
        int clinician = 0;
        int patient = 0;
        int you = 0;
        int me = 0;
        for (Turn t : turns) {
            List<String> w = words(t.text());
            int marks = 0;
            int questionStarts = 0;
            boolean sentenceStart = true;
            for (int i = 0; i < w.size(); i++) {
                String word = w.get(i);
                if (SENTENCE_ENDS.contains(word)) {
                    marks += word.equals("?") ? 1 : 0;
                    sentenceStart = true;
                    continue;
                }
                words++;
                questionStarts += sentenceStart && QUESTION_WORDS.contains(word) ? 1 : 0;
                sentenceStart = false;
                you += YOU.contains(word) ? 1 : 0;
                me += ME.contains(word) ? 1 : 0;
                clinician += CLINICIAN.startingAt(w, i);
                patient += PATIENT.startingAt(w, i);
            }
            questions += marks > 0 ? marks : questionStarts;
        }
        double perTurn = turns.isEmpty() ? 0 : 1.0 / turns.size();
        double perWord = words == 0 ? 0 : 1.0 / words;
        double share = totalWords == 0 ? 0 : (double) words / totalWords;
        double score = 1.0 * questions * perTurn
                + 8.0 * clinician * perWord
                - 8.0 * patient * perWord
                + 10.0 * (you - me) * perWord
                + 2.0 * (share - 1.0 / Math.max(1, speakers));
        return new TalkProfile(speaker, words, turns.size(), score);
    }

    /** Lower-case words (apostrophes and hyphens kept inside) and sentence marks. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        String s = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                int j = i + 1;
                while (j < s.length()
                        && (Character.isLetterOrDigit(s.charAt(j))
                                || ((s.charAt(j) == '\'' || s.charAt(j) == '-')
                                        && j + 1 < s.length()
                                        && Character.isLetterOrDigit(s.charAt(j + 1))))) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            } else {
                if (c == '.' || c == '?' || c == '!') {
                    out.add(String.valueOf(c));
                }
                i++;
            }
        }
        return out;
    }

    /** Word sequences, counted where they start. */
    private static final class Phrases {
        private final Map<String, List<String[]>> byFirst = new HashMap<>();

        Phrases(List<String> phrases) {
            for (String p : phrases) {
                List<String> w = words(p);
                byFirst.computeIfAbsent(w.get(0), k -> new ArrayList<>()).add(w.toArray(String[]::new));
            }
        }

        int startingAt(List<String> words, int i) {
            List<String[]> candidates = byFirst.get(words.get(i));
            if (candidates == null) {
                return 0;
            }
            int n = 0;
            for (String[] c : candidates) {
                if (i + c.length <= words.size() && matches(words, i, c)) {
                    n++;
                }
            }
            return n;
        }

        private static boolean matches(List<String> words, int i, String[] phrase) {
            for (int k = 0; k < phrase.length; k++) {
                if (!words.get(i + k).equals(phrase[k])) {
                    return false;
                }
            }
            return true;
        }
    }
}
