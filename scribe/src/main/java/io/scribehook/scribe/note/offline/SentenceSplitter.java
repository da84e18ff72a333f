package io.scribehook.scribe.note.offline;

import io.scribehook.scribe.roles.RoleAssignment;
import io.scribehook.scribe.vtt.Cue;
import io.scribehook.scribe.vtt.CueTimes;
import io.scribehook.scribe.vtt.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits speaker turns into sentences at {@code .}, {@code ?} or {@code !} followed by a space,
 * keeping for each the times of the cues it spans. A turn without end punctuation is one sentence.
 */
final class SentenceSplitter {
    private static final Pattern END = Pattern.compile("[.?!]+(?=\\s|$)");

    private SentenceSplitter() {}

    static List<SpokenSentence> split(List<Turn> turns, RoleAssignment roles) {
        List<SpokenSentence> out = new ArrayList<>();
        for (Turn turn : turns) {
            var role = roles.roleOf(turn.speaker());
            StringBuilder text = new StringBuilder();
            List<int[]> spans = new ArrayList<>();
            for (Cue cue : turn.cues()) {
                if (!text.isEmpty()) {
                    text.append(' ');
                }
                int from = text.length();
                text.append(cue.text());
                spans.add(new int[] {from, text.length()});
            }
            String all = text.toString();
            Matcher m = END.matcher(all);
            int start = 0;
            while (start < all.length()) {
                int end = m.find(start) ? m.end() : all.length();
                String sentence = all.substring(start, end).strip();
                if (!sentence.isEmpty()) {
                    out.add(new SpokenSentence(out.size(), role, sentence, times(turn, spans, start, end)));
                }
                start = end;
            }
        }
        return out;
    }

    private static CueTimes times(Turn turn, List<int[]> spans, int from, int to) {
        Cue first = null;
        Cue last = null;
        for (int i = 0; i < spans.size(); i++) {
            int[] s = spans.get(i);
            if (s[1] > from && s[0] < to) {
                if (first == null) {
                    first = turn.cues().get(i);
                }
                last = turn.cues().get(i);
            }
        }
        return first == null ? CueTimes.of(turn) : new CueTimes(first.start(), last.end());
    }
}
