package io.scribehook.scribe.clinical;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follow-up intervals in a turn: an interval ({@code two weeks}, {@code a month}, {@code six to
 * eight weeks}, {@code a couple of weeks}, {@code next week}) in the same sentence as, and within a
 * few words of, a follow-up phrase ({@code follow up}, {@code see you back}, {@code come back},
 * {@code return}, {@code recheck}, an appointment). A duration ({@code for two weeks}, {@code two
 * weeks ago}) is not an interval. A range counts in days from its lower bound.
 */
final class FollowUpFinder {
    private static final int WINDOW = 12;

    private static final PhraseMatcher<Boolean> TRIGGERS = new PhraseMatcher<Boolean>()
            .add("follow up", true)
            .add("followup", true)
            .add("follow", true)
            .add("see you", true)
            .add("see me", true)
            .add("see him", true)
            .add("see her", true)
            .add("see them", true)
            .add("come back", true)
            .add("come in", true)
            .add("coming back", true)
            .add("be back", true)
            .add("back in", true)
            .add("return", true)
            .add("recheck", true)
            .add("re check", true)
            .add("check back", true)
            .add("check in", true)
            .add("touch base", true)
            .add("appointment", true)
            .add("visit", true)
            .add("schedule", true)
            .add("talk again", true)
            .add("speak again", true)
            .add("talk in", true)
            .add("next visit", true)
            .add("reassess", true)
            .add("re evaluate", true)
            .add("reevaluate", true);

    private static final Map<String, Integer> UNIT_DAYS = Map.ofEntries(
            Map.entry("day", 1),
            Map.entry("days", 1),
            Map.entry("week", 7),
            Map.entry("weeks", 7),
            Map.entry("month", 30),
            Map.entry("months", 30),
            Map.entry("year", 365),
            Map.entry("years", 365));

    private static final Set<String> DURATION_BEFORE = Set.of("for", "past", "last", "ago", "since", "over", "lasted");

    record Found(FollowUpInterval interval, int at) {}

    /** An interval said in words. */
    record FollowUpInterval(String text, int days) {}

    List<Found> find(TokenizedText t) {
        List<Found> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            FollowUpInterval interval;
            int end;
            if (t.is(i, "next")
                    && UNIT_DAYS.containsKey(t.word(i + 1))
                    && t.word(i + 1).matches("week|month|year")) {
                interval = new FollowUpInterval("1 " + t.word(i + 1), UNIT_DAYS.get(t.word(i + 1)));
                end = i + 2;
            } else {
                Parsed p = interval(t, i);
                if (p == null) {
                    continue;
                }
                interval = p.interval();
                end = p.end();
            }
            if (DURATION_BEFORE.contains(t.word(i - 1)) || t.is(end, "ago", "now", "old")) {
                i = end - 1;
                continue;
            }
            if (nearTrigger(t, i, end)) {
                out.add(new Found(interval, i));
            }
            i = end - 1;
        }
        return out;
    }

    private record Parsed(FollowUpInterval interval, int end) {}

    private static Parsed interval(TokenizedText t, int i) {
        int j = i;
        String amount;
        double lower;
        if (t.is(j, "a", "an") && UNIT_DAYS.containsKey(t.word(j + 1))) {
            return unit(t, j + 1, "1", 1);
        }
        if (t.is(j, "a")) {
            j++;
        }
        if (t.is(j, "couple")) {
            j = t.is(j + 1, "of") ? j + 2 : j + 1;
            return unit(t, j, "2", 2);
        }
        if (t.is(j, "few")) {
            j = t.is(j + 1, "of") ? j + 2 : j + 1;
            return unit(t, j, "a few", 3);
        }
        if (j != i) {
            return null;
        }
        SpokenNumber n = SpokenNumber.at(t, i, false);
        if (n == null || n.value() <= 0 || n.value() > 400) {
            return null;
        }
        amount = n.text();
        lower = n.value();
        j = n.end();
        if (t.is(j, "to", "or", "-")) {
            SpokenNumber upper = SpokenNumber.at(t, j + 1, false);
            if (upper != null && upper.value() > lower) {
                amount = amount + " to " + upper.text();
                j = upper.end();
            }
        }
        return unit(t, j, amount, lower);
    }

    private static Parsed unit(TokenizedText t, int j, String amount, double lower) {
        Integer days = UNIT_DAYS.get(t.word(j));
        if (days == null) {
            return null;
        }
        String unit = t.word(j);
        boolean one = amount.equals("1");
        String name = one ? unit.replaceAll("s$", "") : (unit.endsWith("s") ? unit : unit + "s");
        return new Parsed(new FollowUpInterval(amount + " " + name, (int) Math.round(lower * days)), j + 1);
    }

    private static boolean nearTrigger(TokenizedText t, int start, int end) {
        int from = Math.max(t.sentenceStart(start), start - WINDOW);
        int to = Math.min(t.sentenceEnd(end), end + WINDOW);
        return TRIGGERS.first(t, from, to) != null;
    }
}
