package io.scribehook.scribe.vtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tolerant WebVTT parser for Zoom transcripts.
 *
 * <p>Accepts a byte order mark, CRLF, CR or LF line endings, timestamps with or without hours
 * ({@code 00:01.000}, {@code 00:00:01.000}, a comma for the dot), optional cue identifier lines,
 * {@code NOTE}/{@code STYLE}/{@code REGION} blocks, {@code <v Name>} voice tags and other tags
 * (removed), HTML character references, and a truncated last cue (what is there is kept; a last
 * timing line cut short or a cue without text is dropped). The speaker of a cue is its voice tag,
 * else the text before the first {@code ": "} when {@link SpeakerNames#looksLikeName} says so.
 * Consecutive cues of one speaker (or of none) are merged into {@link Turn}s.
 *
 * <p>Never throws on bad input: a missing {@code WEBVTT} header (strict mode only), a malformed
 * timing line, a cue ending before it starts or a block without a timing line give {@link
 * VttParseResult.Failed} naming the line.
 */
public final class WebVttParser {
    private static final String TIMESTAMP = "(?:(\\d{1,3}):)?([0-5]?\\d):([0-5]\\d)[.,](\\d{3})";
    private static final Pattern TIMING =
            Pattern.compile("^\\s*" + TIMESTAMP + "\\s+-->\\s+" + TIMESTAMP + "(?:\\s+.*)?$");
    private static final Pattern VOICE = Pattern.compile("<v(?:\\.[^\\s>]*)?\\s+([^>]*)>");
    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][^>]*>|</?>");

    private final boolean strict;

    private WebVttParser(boolean strict) {
        this.strict = strict;
    }

    /** A parser that requires the {@code WEBVTT} header line. */
    public static WebVttParser strict() {
        return new WebVttParser(true);
    }

    /** A parser that reads cues whether or not the {@code WEBVTT} header is there. */
    public static WebVttParser lenient() {
        return new WebVttParser(false);
    }

    /** Parses a whole transcript. */
    public VttParseResult parse(String input) {
        String text = input.startsWith("\uFEFF") ? input.substring(1) : input;
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        int i = 0;
        if (lines.length > 0 && isHeader(lines[0])) {
            while (i < lines.length && !lines[i].isBlank()) {
                i++;
            }
        } else if (strict) {
            return new VttParseResult.Failed(1, "missing WEBVTT header");
        }
        List<Cue> cues = new ArrayList<>();
        while (i < lines.length) {
            if (lines[i].isBlank()) {
                i++;
                continue;
            }
            int blockStart = i;
            int blockEnd = i;
            while (blockEnd < lines.length && !lines[blockEnd].isBlank()) {
                blockEnd++;
            }
            boolean lastBlock = isLastBlock(lines, blockEnd);
            i = blockEnd;
            String first = lines[blockStart].strip();
            if (first.startsWith("NOTE") || first.startsWith("STYLE") || first.startsWith("REGION")) {
                continue;
            }
            int timing = blockStart;
            if (!lines[timing].contains("-->") && timing + 1 < blockEnd && lines[timing + 1].contains("-->")) {
                timing++;
            }
            if (!lines[timing].contains("-->")) {
                if (lastBlock && blockEnd - blockStart == 1) {
                    break;
                }
                return new VttParseResult.Failed(timing + 1, "expected a cue timing line (start --> end)");
            }
            Matcher m = TIMING.matcher(lines[timing]);
            if (!m.matches()) {
                if (lastBlock && timing + 1 == blockEnd) {
                    break;
                }
                return new VttParseResult.Failed(timing + 1, "malformed cue timing line");
            }
            Duration start = timestamp(m, 1);
            Duration end = timestamp(m, 5);
            if (end.compareTo(start) < 0) {
                return new VttParseResult.Failed(timing + 1, "cue ends before it starts");
            }
            String id = timing > blockStart ? lines[blockStart].strip() : null;
            StringBuilder raw = new StringBuilder();
            for (int k = timing + 1; k < blockEnd; k++) {
                if (!raw.isEmpty()) {
                    raw.append(' ');
                }
                raw.append(lines[k].strip());
            }
            Cue cue = cue(id, start, end, raw.toString(), timing + 1);
            if (cue != null) {
                cues.add(cue);
            }
        }
        return new VttParseResult.Parsed(cues, turns(cues));
    }

    private static boolean isHeader(String line) {
        return line.equals("WEBVTT") || line.startsWith("WEBVTT ") || line.startsWith("WEBVTT\t");
    }

    private static boolean isLastBlock(String[] lines, int blockEnd) {
        for (int k = blockEnd; k < lines.length; k++) {
            if (!lines[k].isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static Duration timestamp(Matcher m, int group) {
        long hours = m.group(group) == null ? 0 : Long.parseLong(m.group(group));
        long minutes = Long.parseLong(m.group(group + 1));
        long seconds = Long.parseLong(m.group(group + 2));
        long millis = Long.parseLong(m.group(group + 3));
        return Duration.ofHours(hours).plusMinutes(minutes).plusSeconds(seconds).plusMillis(millis);
    }

    private static Cue cue(String id, Duration start, Duration end, String raw, int line) {
        String speaker = null;
        Matcher voice = VOICE.matcher(raw);
        if (voice.find()) {
            String name = HtmlEntities.decode(voice.group(1)).strip();
            speaker = name.isEmpty() ? null : name;
        }
        String text = HtmlEntities.decode(TAG.matcher(raw).replaceAll(""))
                .replace('\u00A0', ' ')
                .strip();
        if (speaker == null) {
            int colon = text.indexOf(": ");
            if (colon > 0 && SpeakerNames.looksLikeName(text.substring(0, colon))) {
                speaker = text.substring(0, colon).strip();
                text = text.substring(colon + 2).strip();
            }
        }
        if (text.isEmpty()) {
            return null;
        }
        return new Cue(id, start, end, speaker, text, line);
    }

    private static List<Turn> turns(List<Cue> cues) {
        List<Turn> turns = new ArrayList<>();
        List<Cue> current = new ArrayList<>();
        for (Cue cue : cues) {
            if (!current.isEmpty() && !Objects.equals(current.get(0).speaker(), cue.speaker())) {
                turns.add(turn(current));
                current = new ArrayList<>();
            }
            current.add(cue);
        }
        if (!current.isEmpty()) {
            turns.add(turn(current));
        }
        return turns;
    }

    private static Turn turn(List<Cue> cues) {
        StringBuilder text = new StringBuilder();
        for (Cue c : cues) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(c.text());
        }
        Cue first = cues.get(0);
        return new Turn(
                first.speaker(), first.start(), cues.get(cues.size() - 1).end(), text.toString(), cues);
    }
}
