package io.scribehook.scribe.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.scribe.roles.AppointmentPeople;
import io.scribehook.scribe.roles.RoleAssignment;
import io.scribehook.scribe.roles.RoleDetector;
import io.scribehook.scribe.vtt.Cue;
import io.scribehook.scribe.vtt.Turn;
import io.scribehook.scribe.vtt.VttParseResult;
import io.scribehook.scribe.vtt.WebVttParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** No parsed input makes the extractor or the role detector throw. */
class ClinicalExtractorRobustnessTest {
    private static final String[] WORDS = {
        "lisinopril",
        "20",
        "mg",
        "milligrams",
        "twenty",
        "point",
        "five",
        "hundred",
        "a",
        "thousand",
        "over",
        "/",
        "blood",
        "pressure",
        "bp",
        ":",
        ".",
        ",",
        "?",
        "!",
        ";",
        "%",
        "no",
        "not",
        "n't",
        "denies",
        "stopped",
        "ran",
        "out",
        "of",
        "follow",
        "up",
        "in",
        "weeks",
        "to",
        "six",
        "one",
        "twenty",
        "oh",
        "every",
        "hours",
        "as",
        "needed",
        "a1c",
        "a",
        "one",
        "c",
        "weight",
        "pounds",
        "feet",
        "tall",
        "temperature",
        "degrees",
        "vitamin",
        "d",
        "fish",
        "oil",
        "1,000",
        "0.5",
        ".5",
        "99999999999999999999",
        "1e9",
        "-",
        "'",
        "’",
        "insulin",
        "units",
        "high",
        "sugar",
        "are",
        "you",
        "taking",
        "yes",
        "from",
        "fever",
        "of",
        "pulse",
        "ox",
        "é",
        "\u0000",
        "𝟘",
        "٣",
        "NaN",
        "Infinity",
        "0x10",
        "1,00",
        "2..5",
        "5'10",
        "t-gel",
        "z",
        "pak",
        "and"
    };

    static {
        WORDS[WORDS.length - 1] = "9".repeat(400);
    }

    private final ClinicalExtractor extractor = ClinicalExtractor.withDefaultLexicon();
    private final RoleDetector roles = new RoleDetector();

    @Test
    void randomWordSoupNeverThrows() {
        Random random = new Random(7);
        for (int n = 0; n < 3_000; n++) {
            List<Cue> cues = new ArrayList<>();
            int count = random.nextInt(6);
            for (int c = 0; c < count; c++) {
                StringBuilder text = new StringBuilder();
                int words = random.nextInt(25);
                for (int w = 0; w < words; w++) {
                    text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(4) == 0 ? "" : " ");
                }
                String speaker = switch (random.nextInt(4)) {
                    case 0 -> null;
                    case 1 -> "Dr. Ann Lee";
                    case 2 -> "pat doe";
                    default -> "Guest";
                };
                cues.add(new Cue(
                        null, Duration.ofSeconds(c), Duration.ofSeconds(c + 1), speaker, text.toString(), c + 1));
            }
            VttParseResult.Parsed p = new VttParseResult.Parsed(cues, turns(cues));
            RoleAssignment r = roles.detect(p, new AppointmentPeople("Ann Lee", "Pat Doe"));
            ClinicalFindings f = extractor.extract(p, r);
            assertThat(f.medications()).allSatisfy(m -> assertThat(m.source()).isNotNull());
            assertThat(f.vitals()).allSatisfy(v -> assertThat(v.source()).isNotNull());
        }
    }

    @Test
    void mangledTranscriptsThroughTheParserNeverThrow() {
        String seed = "WEBVTT\n\n00:01.000 --> 00:04.000\nDr. Ann Lee: BP: 120/80, take lisinopril 20 mg daily.\n\n"
                + "00:04.500 --> 00:08.000\n<v Pat Doe>i ran out of my metformin 1,000 units</v>\n\n"
                + "00:09.000 --> 00:12.000\nDr. Ann Lee: see you back in six to eight weeks &amp; a1c 7.2\n";
        Random random = new Random(11);
        String pieces = "\n :<>&;-->.0123456789/%,?ion";
        int parsed = 0;
        for (int n = 0; n < 3_000; n++) {
            StringBuilder s = new StringBuilder(seed);
            for (int e = 0; e < 1 + random.nextInt(8) && !s.isEmpty(); e++) {
                int at = random.nextInt(s.length());
                if (random.nextBoolean()) {
                    s.deleteCharAt(at);
                } else {
                    s.insert(at, pieces.charAt(random.nextInt(pieces.length())));
                }
            }
            if (WebVttParser.lenient().parse(s.toString()) instanceof VttParseResult.Parsed p) {
                parsed++;
                extractor.extract(p, roles.detect(p, AppointmentPeople.UNKNOWN));
            }
        }
        assertThat(parsed).isPositive();
    }

    @Test
    void turnsWithoutCuesOrTextAreFine() {
        Turn odd = new Turn("Pat Doe", Duration.ZERO, Duration.ofSeconds(1), "lisinopril 20 mg", List.of());
        Turn blank = new Turn(
                null,
                Duration.ZERO,
                Duration.ZERO,
                "",
                List.of(new Cue(null, Duration.ZERO, Duration.ZERO, null, "", 1)));
        VttParseResult.Parsed p = new VttParseResult.Parsed(List.of(), List.of(odd, blank));
        ClinicalFindings f = extractor.extract(p, roles.detect(p, null));
        assertThat(f.medications()).isEmpty();
    }

    private static List<Turn> turns(List<Cue> cues) {
        List<Turn> turns = new ArrayList<>();
        List<Cue> current = new ArrayList<>();
        for (Cue c : cues) {
            if (!current.isEmpty() && !java.util.Objects.equals(current.get(0).speaker(), c.speaker())) {
                turns.add(turn(current));
                current = new ArrayList<>();
            }
            current.add(c);
        }
        if (!current.isEmpty()) {
            turns.add(turn(current));
        }
        return turns;
    }

    private static Turn turn(List<Cue> cues) {
        StringBuilder text = new StringBuilder();
        for (Cue c : cues) {
            text.append(c.text()).append(' ');
        }
        return new Turn(
                cues.get(0).speaker(),
                cues.get(0).start(),
                cues.get(cues.size() - 1).end(),
                text.toString().strip(),
                cues);
    }
}
