package io.scribehook.scribe.note.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.scribe.vtt.CueTimes;
import io.scribehook.scribe.vtt.Turn;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentencesAndAttributionTest {

    @Test
    void splitsAtSentenceEndsAndLinesButNotAfterAbbreviations() {
        assertThat(SentenceSplitter.split("Seen by Dr. Kim today. BP 120/80! Is it better? yes it is.\n"
                        + "- Ibuprofen 400 mg p.o. b.i.d. as needed.\n2. Return in 2 weeks.\n\n"))
                .containsExactly(
                        "Seen by Dr. Kim today.",
                        "BP 120/80!",
                        "Is it better? yes it is.",
                        "Ibuprofen 400 mg p.o. b.i.d. as needed.",
                        "Return in 2 weeks.");
    }

    @Test
    void aSentenceDrawingOnTwoTurnsGetsBothInTranscriptOrderAndOneWithoutSourceNone() {
        List<Turn> turns = TestTranscripts.visit().transcript().turns();
        TurnAttribution attribution = new TurnAttribution(turns);

        List<CueTimes> cues = attribution.cuesOf(
                "Blood pressure 128/82 with tight neck muscles; throbbing headache behind the eyes.");
        assertThat(cues).containsExactly(span(4.5, 12), span(16.5, 20));
        assertThat(attribution.cuesOf("Unremarkable.")).isEmpty();
        assertThat(attribution.cuesOf("The patient.")).isEmpty();
    }

    private static CueTimes span(double start, double end) {
        return new CueTimes(Duration.ofMillis(Math.round(start * 1000)), Duration.ofMillis(Math.round(end * 1000)));
    }
}
