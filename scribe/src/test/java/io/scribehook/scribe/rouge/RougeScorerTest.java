package io.scribehook.scribe.rouge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scribehook.scribe.aci.AciBenchData;
import io.scribehook.scribe.aci.AciBenchSplit;
import io.scribehook.scribe.aci.AciEncounter;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RougeScorerTest {

    @Test
    void tokensAreLowerCaseAlphanumericRuns() {
        assertThat(RougeTokenizer.tokens("[patient_guest] It's 120/80, Dr. O'Neil -- OK?"))
                .containsExactly("patient", "guest", "it", "s", "120", "80", "dr", "o", "neil", "ok");
        assertThat(RougeTokenizer.tokens(" ,.; ")).isEmpty();
        assertThat(RougeTokenizer.tokens("naïve café")).containsExactly("na", "ve", "caf");
    }

    @Test
    void identicalTextsScoreOne() {
        RougeScores s = RougeScorer.score("The knee hurts.", "the KNEE hurts");

        assertThat(s).isEqualTo(new RougeScores(1, 1, 1));
    }

    @Test
    void partialOverlapByHand() {
        // candidate: the cat sat on the mat (6), reference: the cat lay on the mat today (7)
        RougeScores s = RougeScorer.score("the cat sat on the mat", "the cat lay on the mat today");

        // unigrams: overlap the x2, cat, on, mat = 5 -> P 5/6, R 5/7
        assertThat(s.rouge1()).isCloseTo(2 * (5.0 / 6) * (5.0 / 7) / (5.0 / 6 + 5.0 / 7), within(1e-12));
        // bigrams: "the cat", "on the", "the mat" = 3 of 5 and 6
        assertThat(s.rouge2()).isCloseTo(2 * (3.0 / 5) * (3.0 / 6) / (3.0 / 5 + 3.0 / 6), within(1e-12));
        // LCS: the cat on the mat = 5
        assertThat(s.rougeL()).isCloseTo(s.rouge1(), within(1e-12));
    }

    @Test
    void overlapIsClippedToTheRarerSide() {
        RougeScores s = RougeScorer.score("pain pain pain pain", "pain");

        assertThat(s.rouge1()).isCloseTo(2 * 0.25 * 1 / 1.25, within(1e-12));
        assertThat(s.rouge2()).isZero();
    }

    @Test
    void lcsIsOverTheWholeSequenceNotContiguous() {
        assertThat(RougeScorer.lcs(List.of("a", "x", "b", "y", "c"), List.of("a", "b", "z", "c")))
                .isEqualTo(3);
        RougeScores s = RougeScorer.score("c b a", "a b c");
        assertThat(s.rouge1()).isEqualTo(1);
        assertThat(s.rougeL()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void emptySidesScoreZero() {
        assertThat(RougeScorer.score("", "something")).isEqualTo(new RougeScores(0, 0, 0));
        assertThat(RougeScorer.score("one", "")).isEqualTo(new RougeScores(0, 0, 0));
        assertThat(RougeScorer.average(List.of())).isEqualTo(new RougeScores(0, 0, 0));
    }

    @Test
    void averageIsTheMeanOfPerPairF1() {
        RougeScores avg = RougeScorer.average(
                List.of(new RougeScorer.Pair("a b", "a b"), new RougeScorer.Pair("x", "a b c d e f g h i j")));

        assertThat(avg.rouge1()).isCloseTo(0.5, within(1e-12));
        assertThat(avg.formatPercent()).isEqualTo("R1 50.00 R2 50.00 RL 50.00");
    }

    /** The calibration: the shipped dialogue as the note scores 34.18 / 13.99 on {@code valid}. */
    @Test
    void calibrationOnAciBenchValidDialogueAsNote() throws IOException {
        List<AciEncounter> valid = AciBenchSplit.load(AciBenchData.dirOrSkip(), "valid");
        assertThat(valid).hasSize(20);

        RougeScores s = RougeScorer.average(valid.stream()
                .map(e -> new RougeScorer.Pair(e.dialogue(), e.note()))
                .toList());

        System.out.println("ACI-BENCH valid, dialogue as note: " + s.formatPercent());
        assertThat(Math.round(s.rouge1() * 10_000) / 100.0).isEqualTo(34.18);
        assertThat(Math.round(s.rouge2() * 10_000) / 100.0).isEqualTo(13.99);
        assertThat(Math.round(s.rougeL() * 10_000) / 100.0).isEqualTo(20.23);
    }
}
