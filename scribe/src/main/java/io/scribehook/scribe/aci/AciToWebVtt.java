package io.scribehook.scribe.aci;

import io.scribehook.scribe.vtt.SpeakerNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts an ACI-BENCH dialogue to a Zoom-style WebVTT transcript, deterministically.
 *
 * <p>Each {@code [doctor]}, {@code [patient]} or {@code [patient_guest]} line is a turn (a line
 * without a tag continues the previous turn). A turn becomes cues of at most {@value
 * #MAX_WORDS_PER_CUE} words, split into near-equal parts, each cue a numbered {@code Name: text}
 * block. A cue lasts {@value #MILLIS_PER_WORD} ms a word (150 words a minute), followed by a
 * {@value #CUE_GAP_MILLIS} ms gap within a turn and {@value #TURN_GAP_MILLIS} ms between turns.
 *
 * <p>Names: the patient's first and family name from the metadata, the doctor's from the metadata
 * or else {@code Dr. <surname>} picked from a fixed list by the encounter id's hash, the guest
 * {@code Guest}. Without metadata (or a name the parser would not read as one) the labels are
 * {@code Doctor}, {@code Patient} and {@code Guest}. Text is kept as shipped, with {@code &},
 * {@code <} and {@code >} escaped.
 */
public final class AciToWebVtt {
    static final int MAX_WORDS_PER_CUE = 15;
    static final long MILLIS_PER_WORD = 400;
    static final long CUE_GAP_MILLIS = 200;
    static final long TURN_GAP_MILLIS = 800;
    private static final Pattern TAGGED = Pattern.compile("^\\[(doctor|patient|patient_guest)\\]\\s*(.*)$");
    private static final List<String> DOCTOR_SURNAMES = List.of(
            "Alvarez", "Bennett", "Chen", "Okafor", "Lindqvist", "Moreau", "Nakamura", "Patel", "Rossi", "Haddad");

    private AciToWebVtt() {}

    /** A speaker's turn from the dialogue column: the role tag and the text as shipped. */
    public record DialogueTurn(String role, String text) {}

    /** The WebVTT transcript of one encounter. */
    public static String convert(AciEncounter encounter) {
        String doctor = doctorName(encounter);
        String patient = usable(encounter.patientName(), "Patient");
        StringBuilder out = new StringBuilder("WEBVTT\n");
        long at = 0;
        int index = 1;
        for (DialogueTurn turn : turns(encounter.dialogue())) {
            String name = switch (turn.role()) {
                case "doctor" -> doctor;
                case "patient" -> patient;
                default -> "Guest";
            };
            List<List<String>> chunks = chunks(words(turn.text()));
            for (int c = 0; c < chunks.size(); c++) {
                List<String> chunk = chunks.get(c);
                long end = at + chunk.size() * MILLIS_PER_WORD;
                out.append('\n')
                        .append(index++)
                        .append('\n')
                        .append(timestamp(at))
                        .append(" --> ")
                        .append(timestamp(end))
                        .append('\n')
                        .append(name)
                        .append(": ")
                        .append(escape(String.join(" ", chunk)))
                        .append('\n');
                at = end + (c == chunks.size() - 1 ? TURN_GAP_MILLIS : CUE_GAP_MILLIS);
            }
        }
        return out.toString();
    }

    /** The dialogue's turns in order; empty turns are left out. */
    public static List<DialogueTurn> turns(String dialogue) {
        List<DialogueTurn> turns = new ArrayList<>();
        for (String line : dialogue.split("\r\n|\r|\n")) {
            Matcher m = TAGGED.matcher(line.strip());
            if (m.matches()) {
                turns.add(new DialogueTurn(m.group(1), m.group(2).strip()));
            } else if (!line.isBlank() && !turns.isEmpty()) {
                DialogueTurn last = turns.remove(turns.size() - 1);
                turns.add(new DialogueTurn(last.role(), (last.text() + " " + line.strip()).strip()));
            }
        }
        turns.removeIf(t -> t.text().isEmpty());
        return turns;
    }

    static String doctorName(AciEncounter encounter) {
        if (encounter.doctorName() != null) {
            return usable(encounter.doctorName(), "Doctor");
        }
        if (encounter.patientName() == null) {
            return "Doctor";
        }
        int pick = Math.floorMod(encounter.encounterId().hashCode(), DOCTOR_SURNAMES.size());
        return "Dr. " + DOCTOR_SURNAMES.get(pick);
    }

    private static String usable(String name, String fallback) {
        return name != null && SpeakerNames.looksLikeName(name) ? name : fallback;
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
    }

    private static List<List<String>> chunks(List<String> words) {
        int parts = (words.size() + MAX_WORDS_PER_CUE - 1) / MAX_WORDS_PER_CUE;
        List<List<String>> out = new ArrayList<>();
        int from = 0;
        for (int p = 0; p < parts; p++) {
            int to = from + (words.size() - from + (parts - p) - 1) / (parts - p);
            out.add(words.subList(from, to));
            from = to;
        }
        return out;
    }

    static String timestamp(long millis) {
        Duration d = Duration.ofMillis(millis);
        return String.format(
                Locale.ROOT,
                "%02d:%02d:%02d.%03d",
                d.toHours(),
                d.toMinutesPart(),
                d.toSecondsPart(),
                d.toMillisPart());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
