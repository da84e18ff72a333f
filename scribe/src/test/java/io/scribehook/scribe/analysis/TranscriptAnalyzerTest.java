package io.scribehook.scribe.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scribehook.scribe.vtt.VttParseResult;
import io.scribehook.scribe.vtt.WebVttParser;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TranscriptAnalyzerTest {

    private static final String TWO_SPEAKERS = """
            WEBVTT

            1
            00:00:00.000 --> 00:00:04.000
            <v Dr. Maria Alvarez>Good morning, how are you feeling today?

            2
            00:00:04.500 --> 00:00:07.000
            <v Brian White>Not great, my knee hurts.

            3
            00:00:07.000 --> 00:00:09.800
            <v Brian White>It started last week and it's worse on stairs.

            4
            00:00:10.000 --> 00:00:12.500
            <v Dr. Maria Alvarez>Let me take a look at it.
            """;

    private static VttParseResult.Parsed parsed(String vtt) {
        VttParseResult result = WebVttParser.strict().parse(vtt);
        assertThat(result).isInstanceOf(VttParseResult.Parsed.class);
        return (VttParseResult.Parsed) result;
    }

    private static TranscriptStats analyze(String vtt) {
        return TranscriptAnalyzer.withDefaults().analyze(parsed(vtt));
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void twoSpeakersGetExactTalkTimeTurnsWordsAndLongestMonologue() {
        TranscriptStats stats = analyze(TWO_SPEAKERS);

        assertThat(stats.speakers())
                .extracting(SpeakerStats::speaker)
                .containsExactly("Dr. Maria Alvarez", "Brian White");
        SpeakerStats clinician = stats.speakers().get(0);
        assertThat(clinician.talkTime()).isEqualTo(ms(6_500));
        assertThat(clinician.turns()).isEqualTo(2);
        assertThat(clinician.words()).isEqualTo(14);
        assertThat(clinician.longestMonologue()).isEqualTo(new Monologue(ms(0), ms(4_000), 7));
        assertThat(clinician.share()).isCloseTo(6.5 / 11.8, within(1e-9));

        SpeakerStats patient = stats.speakers().get(1);
        assertThat(patient.talkTime()).isEqualTo(ms(5_300));
        assertThat(patient.turns()).isEqualTo(1);
        assertThat(patient.words()).isEqualTo(14);
        assertThat(patient.longestMonologue()).isEqualTo(new Monologue(ms(4_500), ms(9_800), 14));
        assertThat(patient.longestMonologue().duration()).isEqualTo(ms(5_300));
        assertThat(patient.share()).isCloseTo(5.3 / 11.8, within(1e-9));

        assertThat(clinician.share() + patient.share()).isCloseTo(1.0, within(1e-9));
        assertThat(stats.totalTalkTime()).isEqualTo(ms(11_800));
        assertThat(stats.meetingStart()).isEqualTo(Duration.ZERO);
        assertThat(stats.meetingEnd()).isEqualTo(ms(12_500));
        assertThat(stats.meetingDuration()).isEqualTo(ms(12_500));
        assertThat(stats.silences()).isEmpty();
        assertThat(stats.totalSilence()).isEqualTo(Duration.ZERO);
    }

    @Test
    void cuesWithoutSpeakerAreCountedAsUnknown() {
        TranscriptStats stats = analyze("""
                WEBVTT

                00:00:01.000 --> 00:00:03.000
                <v Brian White>My knee hurts.

                00:00:03.000 --> 00:00:04.500
                okay then

                00:00:04.500 --> 00:00:05.000
                mm hmm
                """);

        assertThat(stats.speakers())
                .extracting(SpeakerStats::speaker)
                .containsExactly("Brian White", SpeakerStats.UNKNOWN);
        SpeakerStats unknown = stats.speakers().get(1);
        assertThat(unknown.talkTime()).isEqualTo(ms(2_000));
        assertThat(unknown.turns()).isEqualTo(1);
        assertThat(unknown.words()).isEqualTo(4);
        assertThat(unknown.longestMonologue()).isEqualTo(new Monologue(ms(3_000), ms(5_000), 4));
        assertThat(unknown.share()).isCloseTo(0.5, within(1e-9));
        assertThat(stats.meetingStart()).isEqualTo(ms(1_000));
        assertThat(stats.meetingDuration()).isEqualTo(ms(4_000));
    }

    @Test
    void overlappingCuesNeverMakeNegativeOrFalseGaps() {
        TranscriptStats stats = analyze("""
                WEBVTT

                00:00:00.000 --> 00:00:10.000
                <v Dr. Maria Alvarez>Tell me everything from the beginning please.

                00:00:02.000 --> 00:00:03.000
                <v Brian White>Sure.

                00:00:06.000 --> 00:00:12.000
                <v Dr. Maria Alvarez>And take your time.

                00:00:15.000 --> 00:00:16.000
                <v Brian White>Okay.
                """);

        assertThat(stats.silences()).containsExactly(new Silence(ms(12_000), ms(15_000)));
        assertThat(stats.silences())
                .allSatisfy(s -> assertThat(s.duration().isNegative()).isFalse());
        assertThat(stats.totalSilence()).isEqualTo(ms(3_000));
        assertThat(stats.meetingStart()).isEqualTo(Duration.ZERO);
        assertThat(stats.meetingEnd()).isEqualTo(ms(16_000));
        assertThat(stats.speakers()).extracting(SpeakerStats::talkTime).containsExactly(ms(16_000), ms(2_000));
        assertThat(stats.speakers()).extracting(SpeakerStats::turns).containsExactly(2, 2);
    }

    @Test
    void aGapOfExactlyTheThresholdIsNotASilenceButOneMillisecondMoreIs() {
        String vtt = """
                WEBVTT

                00:00:00.000 --> 00:00:01.000
                <v Brian White>One.

                00:00:03.000 --> 00:00:04.000
                <v Brian White>Two.

                00:00:06.001 --> 00:00:07.000
                <v Brian White>Three.
                """;

        TranscriptStats stats = analyze(vtt);

        assertThat(stats.silences()).containsExactly(new Silence(ms(4_000), ms(6_001)));
        assertThat(stats.totalSilence()).isEqualTo(ms(2_001));
        assertThat(stats.meetingDuration()).isEqualTo(ms(7_000));
    }

    @Test
    void theSilenceThresholdIsConfigurable() {
        TranscriptStats stats =
                TranscriptAnalyzer.withSilenceThreshold(Duration.ofMillis(400)).analyze(parsed(TWO_SPEAKERS));

        assertThat(stats.silences()).containsExactly(new Silence(ms(4_000), ms(4_500)));
        assertThat(stats.totalSilence()).isEqualTo(ms(500));
        assertThatThrownBy(() -> TranscriptAnalyzer.withSilenceThreshold(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyTranscriptHasNoSpeakersAndZeroDuration() {
        TranscriptStats stats = analyze("WEBVTT\n");

        assertThat(stats.speakers()).isEmpty();
        assertThat(stats.silences()).isEmpty();
        assertThat(stats.meetingDuration()).isEqualTo(Duration.ZERO);
        assertThat(stats.totalTalkTime()).isEqualTo(Duration.ZERO);
        assertThat(stats.totalSilence()).isEqualTo(Duration.ZERO);
    }

    @Test
    void zeroLengthCuesGiveZeroSharesInsteadOfDividingByZero() {
        TranscriptStats stats = analyze("""
                WEBVTT

                00:00:05.000 --> 00:00:05.000
                <v Brian White>Hello there.
                """);

        assertThat(stats.speakers()).singleElement().satisfies(s -> {
            assertThat(s.share()).isZero();
            assertThat(s.words()).isEqualTo(2);
            assertThat(s.turns()).isEqualTo(1);
        });
        assertThat(stats.meetingDuration()).isEqualTo(Duration.ZERO);
    }

    @Test
    void cuesOutOfOrderAreTakenInTimeOrderForSilencesAndMeetingBounds() {
        TranscriptStats stats = analyze("""
                WEBVTT

                00:00:10.000 --> 00:00:11.000
                <v Brian White>Last.

                00:00:00.000 --> 00:00:01.000
                <v Brian White>First.

                00:00:04.000 --> 00:00:05.000
                <v Brian White>Middle.
                """);

        assertThat(stats.silences())
                .containsExactly(new Silence(ms(1_000), ms(4_000)), new Silence(ms(5_000), ms(10_000)));
        assertThat(stats.meetingStart()).isEqualTo(Duration.ZERO);
        assertThat(stats.meetingEnd()).isEqualTo(ms(11_000));
        assertThat(stats.totalSilence()).isEqualTo(ms(8_000));
    }

    @Test
    void ofEquallyLongTurnsTheFirstIsTheLongestMonologue() {
        TranscriptStats stats = analyze("""
                WEBVTT

                00:00:00.000 --> 00:00:02.000
                <v Dr. Maria Alvarez>How is the knee?

                00:00:02.000 --> 00:00:03.000
                <v Brian White>Better.

                00:00:03.000 --> 00:00:05.000
                <v Dr. Maria Alvarez>Good, keep walking every day then.
                """);

        assertThat(stats.speakers().get(0).longestMonologue()).isEqualTo(new Monologue(ms(0), ms(2_000), 4));
        assertThat(stats.speakers().get(0).words()).isEqualTo(10);
    }

    @Test
    void wordsAreWhitespaceTokensWithALetterOrDigit() {
        assertThat(TranscriptAnalyzer.words("BP is 120/80 — fine, it's   ok ..."))
                .isEqualTo(6);
        assertThat(TranscriptAnalyzer.words("")).isZero();
        assertThat(TranscriptAnalyzer.words(" - ")).isZero();
    }
}
