package io.scribehook.scribe.aci;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.scribe.vtt.Cue;
import io.scribehook.scribe.vtt.Turn;
import io.scribehook.scribe.vtt.VttParseResult;
import io.scribehook.scribe.vtt.WebVttParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AciToWebVttTest {

    private static Path tinyDir() throws URISyntaxException {
        return Path.of(AciToWebVttTest.class.getResource("/aci/tiny.csv").toURI())
                .getParent();
    }

    private static VttParseResult.Parsed parse(String vtt) {
        VttParseResult result = WebVttParser.strict().parse(vtt);
        assertThat(result).isInstanceOf(VttParseResult.Parsed.class);
        return (VttParseResult.Parsed) result;
    }

    /** Speakers of the dialogue with consecutive repeats collapsed, as the parser's turns have them. */
    private static List<String> collapsedRoles(List<AciToWebVtt.DialogueTurn> turns) {
        List<String> out = new ArrayList<>();
        for (AciToWebVtt.DialogueTurn t : turns) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(t.role())) {
                out.add(t.role());
            }
        }
        return out;
    }

    private static List<String> words(String text) {
        return List.of(text.strip().split("\\s+"));
    }

    private static void assertRoundTrip(AciEncounter e, String doctor, String patient) {
        List<AciToWebVtt.DialogueTurn> turns = AciToWebVtt.turns(e.dialogue());
        VttParseResult.Parsed p = parse(AciToWebVtt.convert(e));

        List<String> expectedSpeakers = collapsedRoles(turns).stream()
                .map(r -> switch (r) {
                    case "doctor" -> doctor;
                    case "patient" -> patient;
                    default -> "Guest";
                })
                .toList();
        assertThat(p.turns()).extracting(Turn::speaker).containsExactlyElementsOf(expectedSpeakers);
        List<String> expectedWords =
                turns.stream().flatMap(t -> words(t.text()).stream()).toList();
        List<String> parsedWords =
                p.turns().stream().flatMap(t -> words(t.text()).stream()).toList();
        assertThat(parsedWords).containsExactlyElementsOf(expectedWords);
        assertThat(p.cues()).allSatisfy(c -> assertThat(words(c.text())).hasSizeLessThanOrEqualTo(15));
    }

    @Test
    void loadsTheTinyFixtureWithMetadataNames() throws Exception {
        List<AciEncounter> tiny = AciBenchSplit.load(tinyDir(), "tiny");

        assertThat(tiny).extracting(AciEncounter::encounterId).containsExactly("T001", "T002");
        assertThat(tiny.get(0).patientName()).isEqualTo("Jo Baker");
        assertThat(tiny.get(0).dialogue()).contains("my \"bad\" knee").contains("\n[patient_guest] ");
        assertThat(tiny.get(0).note()).startsWith("CHIEF COMPLAINT\n\nKnee pain.");
        assertThat(tiny.get(1).patientName()).isNull();
    }

    @Test
    void tinyEncounterConvertsToZoomStyleCuesAndParsesBack() throws Exception {
        AciEncounter e = AciBenchSplit.load(tinyDir(), "tiny").get(0);
        String doctor = AciToWebVtt.doctorName(e);
        assertThat(doctor).startsWith("Dr. ").isEqualTo(AciToWebVtt.doctorName(e));

        String vtt = AciToWebVtt.convert(e);

        assertThat(vtt)
                .startsWith(
                        "WEBVTT\n\n1\n00:00:00.000 --> 00:00:03.600\n" + doctor + ": hi , jo . how are you today ?\n");
        assertThat(vtt).isEqualTo(AciToWebVtt.convert(e));
        VttParseResult.Parsed p = parse(vtt);
        // the patient's two lines (12 and 24 words) merge into one turn of cues of 12, 12 and 12 words:
        // 800 ms after the first line (a dialogue turn), 200 ms within the second
        Turn second = p.turns().get(1);
        assertThat(second.cues()).extracting(c -> words(c.text()).size()).containsExactly(12, 12, 12);
        Cue a = second.cues().get(0);
        Cue b = second.cues().get(1);
        Cue c = second.cues().get(2);
        assertThat(a.end().minus(a.start())).isEqualTo(Duration.ofMillis(12 * 400));
        assertThat(b.start().minus(a.end())).isEqualTo(Duration.ofMillis(800));
        assertThat(c.start().minus(b.end())).isEqualTo(Duration.ofMillis(200));
        assertThat(second.start().minus(p.turns().get(0).end())).isEqualTo(Duration.ofMillis(800));
        assertThat(second.end()).isEqualTo(c.end());
        assertRoundTrip(e, doctor, "Jo Baker");
    }

    @Test
    void withoutMetadataTheLabelsAreGeneric() throws Exception {
        AciEncounter e = AciBenchSplit.load(tinyDir(), "tiny").get(1);

        assertThat(AciToWebVtt.convert(e))
                .contains("\nDoctor: good morning .\n")
                .contains("\nPatient: morning , doctor .\n");
        assertRoundTrip(e, "Doctor", "Patient");
    }

    @Test
    void textThatLooksLikeMarkupIsEscaped() {
        AciEncounter e = new AciEncounter("aci", "X9", "[doctor] a < b & c --> d\n[patient] ok", "", null, null);

        String vtt = AciToWebVtt.convert(e);

        assertThat(vtt).contains("Doctor: a &lt; b &amp; c --&gt; d\n");
        assertThat(parse(vtt).turns().get(0).text()).isEqualTo("a < b & c --> d");
    }

    @Test
    void timestampsCountHours() {
        assertThat(AciToWebVtt.timestamp(3_723_004)).isEqualTo("01:02:03.004");
    }

    @Test
    void everyValidEncounterRoundTrips() throws IOException {
        List<AciEncounter> valid = AciBenchSplit.load(AciBenchData.dirOrSkip(), "valid");

        assertThat(valid).hasSize(20);
        AciEncounter first = valid.get(0);
        assertThat(first.encounterId()).isEqualTo("D2N068");
        assertThat(first.patientName()).isEqualTo("Brian White");
        assertThat(valid).anySatisfy(e -> assertThat(e.dialogue()).contains("[patient_guest]"));
        valid.forEach(AciToWebVttTest::assertRoundTrip);
    }

    @Test
    void everyTrainEncounterRoundTripsIncludingUntaggedContinuationLines() throws IOException {
        List<AciEncounter> train = AciBenchSplit.load(AciBenchData.dirOrSkip(), "train");

        assertThat(train).hasSize(67);
        AciEncounter d2n019 = train.stream()
                .filter(e -> e.encounterId().equals("D2N019"))
                .findFirst()
                .orElseThrow();
        assertThat(d2n019.dialogue().lines().filter(l -> !l.startsWith("["))).isNotEmpty();
        train.forEach(AciToWebVttTest::assertRoundTrip);
    }

    private static void assertRoundTrip(AciEncounter e) {
        assertRoundTrip(e, AciToWebVtt.doctorName(e), e.patientName() == null ? "Patient" : e.patientName());
    }
}
