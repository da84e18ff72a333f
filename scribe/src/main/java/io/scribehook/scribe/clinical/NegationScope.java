package io.scribehook.scribe.clinical;

import io.scribehook.scribe.clinical.ClinicalLexicon.MedicationName;
import java.util.List;
import java.util.Set;

/**
 * Whether a medication mention is denied, stopped or not taken: a trigger ({@code denies}, {@code
 * stopped}, {@code no longer}, {@code ran out of}, {@code allergic to}, {@code not taking}, ...)
 * within its reach before the name in the same clause, or after it ({@code anymore}); a name in a
 * list shares the previous name's negation; a name asked about with {@code are you taking} (or
 * {@code and the X?}) is negated by a reply that starts with a no.
 */
final class NegationScope {
    private NegationScope() {}

    private static final int NEGATION_BEFORE = 8;

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

    static boolean isList(TokenizedText t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!LIST_WORDS.contains(t.word(i))) {
                return false;
            }
        }
        return to - from <= 3;
    }

    /** Asked "are you taking X" (a question, or the end of an unpunctuated turn) and the reply starts with a no. */
    static boolean answeredNo(TokenizedText t, PhraseMatcher.Match<MedicationName> m, TokenizedText answer) {
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

    static boolean negated(TokenizedText t, PhraseMatcher.Match<MedicationName> m, int previousEnd, int nextStart) {
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
}
