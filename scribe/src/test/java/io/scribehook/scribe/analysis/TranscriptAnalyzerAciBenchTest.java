package io.scribehook.scribe.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scribehook.scribe.aci.AciBenchData;
import io.scribehook.scribe.aci.AciBenchSplit;
import io.scribehook.scribe.aci.AciEncounter;
import io.scribehook.scribe.aci.AciToWebVtt;
import io.scribehook.scribe.vtt.Cue;
import io.scribehook.scribe.vtt.VttParseResult;
import io.scribehook.scribe.vtt.WebVttParser;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The analysis of every converted ACI-BENCH valid encounter adds up. */
class TranscriptAnalyzerAciBenchTest {

    @Test
    void everyValidEncounterGivesConsistentStats() throws IOException {
        List<AciEncounter> valid = AciBenchSplit.load(AciBenchData.dirOrSkip(), "valid");
        TranscriptAnalyzer analyzer = TranscriptAnalyzer.withSilenceThreshold(Duration.ZERO);

        assertThat(valid).hasSize(20);
        for (AciEncounter e : valid) {
            VttParseResult.Parsed p =
                    (VttParseResult.Parsed) WebVttParser.strict().parse(AciToWebVtt.convert(e));
            TranscriptStats stats = analyzer.analyze(p);

            assertThat(stats.speakers()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(stats.speakers().stream()
                            .mapToDouble(SpeakerStats::share)
                            .sum())
                    .isCloseTo(1.0, within(1e-9));
            assertThat(stats.speakers().stream().map(SpeakerStats::talkTime).reduce(Duration.ZERO, Duration::plus))
                    .isEqualTo(stats.totalTalkTime());
            assertThat(stats.speakers().stream().mapToInt(SpeakerStats::turns).sum())
                    .isEqualTo(p.turns().size());
            assertThat(stats.speakers().stream().mapToInt(SpeakerStats::words).sum())
                    .isEqualTo(p.cues().stream()
                            .mapToInt(c -> TranscriptAnalyzer.words(c.text()))
                            .sum());
            assertThat(stats.speakers()).allSatisfy(s -> {
                assertThat(s.longestMonologue().words()).isBetween(1, s.words());
                assertThat(s.longestMonologue().duration()).isLessThanOrEqualTo(stats.meetingDuration());
            });
            assertThat(stats.meetingStart()).isEqualTo(p.cues().get(0).start());
            assertThat(stats.meetingEnd())
                    .isEqualTo(p.cues().get(p.cues().size() - 1).end());
            assertThat(stats.totalTalkTime().plus(stats.totalSilence())).isEqualTo(stats.meetingDuration());
            assertThat(stats.silences())
                    .allSatisfy(s -> assertThat(s.duration().isPositive()).isTrue());
            assertThat(p.cues()).extracting(Cue::speaker).doesNotContainNull();
        }
    }
}
