package io.scribehook.scribe.analysis;

import io.scribehook.scribe.vtt.Cue;
import io.scribehook.scribe.vtt.Turn;
import io.scribehook.scribe.vtt.VttParseResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Deterministic per-speaker analysis of a parsed transcript: talk time, share, turns, words and
 * longest monologue per speaker, silences and meeting duration.
 *
 * <p>Cues without a speaker are counted under {@link SpeakerStats#UNKNOWN}. A word is a
 * whitespace-separated token containing a letter or a digit. A silence is a gap longer than the
 * threshold between the latest end of the cues so far and the start of the next cue (cues taken in
 * order of start), so overlapping cues never make a negative gap. Never throws on a parsed
 * transcript, including one without cues.
 */
public final class TranscriptAnalyzer {

    /** The silence threshold of {@link #withDefaults()}: gaps longer than 2 s are silences. */
    public static final Duration DEFAULT_SILENCE_THRESHOLD = Duration.ofSeconds(2);

    private final Duration silenceThreshold;

    private TranscriptAnalyzer(Duration silenceThreshold) {
        this.silenceThreshold = silenceThreshold;
    }

    /** An analyser counting gaps longer than {@link #DEFAULT_SILENCE_THRESHOLD} as silences. */
    public static TranscriptAnalyzer withDefaults() {
        return new TranscriptAnalyzer(DEFAULT_SILENCE_THRESHOLD);
    }

    /**
     * An analyser counting gaps strictly longer than {@code silenceThreshold} as silences.
     *
     * @throws IllegalArgumentException if the threshold is negative
     */
    public static TranscriptAnalyzer withSilenceThreshold(Duration silenceThreshold) {
        Objects.requireNonNull(silenceThreshold, "silenceThreshold");
        if (silenceThreshold.isNegative()) {
            throw new IllegalArgumentException("silence threshold must not be negative");
        }
        return new TranscriptAnalyzer(silenceThreshold);
    }

    /** Analyses a parsed transcript. */
    public TranscriptStats analyze(VttParseResult.Parsed transcript) {
        return analyze(transcript.cues(), transcript.turns());
    }

    /** Analyses cues and the turns merged from them (as {@link VttParseResult.Parsed} holds them). */
    public TranscriptStats analyze(List<Cue> cues, List<Turn> turns) {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        Duration total = Duration.ZERO;
        for (Cue cue : cues) {
            Duration length = cue.end().minus(cue.start());
            Tally tally = tallies.computeIfAbsent(name(cue.speaker()), k -> new Tally());
            tally.talkTime = tally.talkTime.plus(length);
            tally.words += words(cue.text());
            total = total.plus(length);
        }
        for (Turn turn : turns) {
            Tally tally = tallies.computeIfAbsent(name(turn.speaker()), k -> new Tally());
            tally.turns++;
            Monologue monologue = new Monologue(turn.start(), turn.end(), words(turn.text()));
            if (tally.longest == null || monologue.duration().compareTo(tally.longest.duration()) > 0) {
                tally.longest = monologue;
            }
        }
        List<SpeakerStats> speakers = new ArrayList<>();
        for (Map.Entry<String, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            double share = total.isZero() ? 0.0 : (double) t.talkTime.toNanos() / total.toNanos();
            Monologue longest = t.longest == null ? new Monologue(Duration.ZERO, Duration.ZERO, 0) : t.longest;
            speakers.add(new SpeakerStats(e.getKey(), t.talkTime, share, t.turns, t.words, longest));
        }
        return timeline(cues, total, speakers);
    }

    private TranscriptStats timeline(List<Cue> cues, Duration total, List<SpeakerStats> speakers) {
        if (cues.isEmpty()) {
            return new TranscriptStats(Duration.ZERO, Duration.ZERO, total, speakers, List.of());
        }
        List<Cue> byStart = new ArrayList<>(cues);
        byStart.sort(Comparator.comparing(Cue::start));
        List<Silence> silences = new ArrayList<>();
        Duration start = byStart.get(0).start();
        Duration latestEnd = byStart.get(0).end();
        for (Cue cue : byStart.subList(1, byStart.size())) {
            if (cue.start().minus(latestEnd).compareTo(silenceThreshold) > 0) {
                silences.add(new Silence(latestEnd, cue.start()));
            }
            if (cue.end().compareTo(latestEnd) > 0) {
                latestEnd = cue.end();
            }
        }
        return new TranscriptStats(start, latestEnd, total, speakers, silences);
    }

    private static String name(String speaker) {
        return speaker == null ? SpeakerStats.UNKNOWN : speaker;
    }

    static int words(String text) {
        int count = 0;
        boolean inToken = false;
        boolean counted = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c)) {
                inToken = false;
                continue;
            }
            if (!inToken) {
                inToken = true;
                counted = false;
            }
            if (!counted && Character.isLetterOrDigit(c)) {
                count++;
                counted = true;
            }
        }
        return count;
    }

    private static final class Tally {
        private Duration talkTime = Duration.ZERO;
        private int turns;
        private int words;
        private Monologue longest;
    }
}
