package io.scribehook.scribe.vtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebVttParserTest {

    private static VttParseResult.Parsed parsed(String vtt) {
        VttParseResult result = WebVttParser.strict().parse(vtt);
        assertThat(result).isInstanceOf(VttParseResult.Parsed.class);
        return (VttParseResult.Parsed) result;
    }

    private static VttParseResult.Failed failed(VttParseResult result) {
        assertThat(result).isInstanceOf(VttParseResult.Failed.class);
        return (VttParseResult.Failed) result;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = WebVttParserTest.class.getResourceAsStream("/vtt/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void zoomFileWithBomAndCrlf() throws IOException {
        String vtt = resource("zoom-crlf-bom.vtt");
        assertThat(vtt).startsWith("\uFEFF").contains("\r\n");

        VttParseResult.Parsed p = parsed(vtt);

        assertThat(p.cues()).extracting(Cue::id).containsExactly("1", "2", "3", "4");
        assertThat(p.cues())
                .extracting(Cue::speaker)
                .containsExactly("Dr. Maria Alvarez", "Brian White", "Brian White", "Dr. Maria Alvarez");
        assertThat(p.cues().get(2).text()).isEqualTo("It started last week & it's worse on stairs.");
        assertThat(p.cues().get(3).text()).isEqualTo("BP: 120/80 today, that is fine.");
        assertThat(p.cues().get(1).line()).isEqualTo(8);
    }

    @Test
    void consecutiveCuesOfOneSpeakerMergeIntoATurnFromFirstStartToLastEnd() throws IOException {
        VttParseResult.Parsed p = parsed(resource("zoom-crlf-bom.vtt"));

        assertThat(p.turns())
                .extracting(Turn::speaker)
                .containsExactly("Dr. Maria Alvarez", "Brian White", "Dr. Maria Alvarez");
        Turn patient = p.turns().get(1);
        assertThat(patient.start()).isEqualTo(Duration.ofMillis(4_500));
        assertThat(patient.end()).isEqualTo(Duration.ofMillis(9_800));
        assertThat(patient.text()).isEqualTo("Not great, my knee hurts. It started last week & it's worse on stairs.");
        assertThat(patient.cues()).hasSize(2);
    }

    @Test
    void crOnlyLineEndings() {
        VttParseResult.Parsed p = parsed("WEBVTT\r\r00:00:01.000 --> 00:00:02.000\rAna Lee: hello\r");

        assertThat(p.cues()).singleElement().satisfies(c -> {
            assertThat(c.speaker()).isEqualTo("Ana Lee");
            assertThat(c.text()).isEqualTo("hello");
        });
    }

    @Test
    void timestampsWithAndWithoutHours() {
        VttParseResult.Parsed p = parsed(
                "WEBVTT\n\n00:01.250 --> 01:02.000\nfirst\n\n01:02:03.004 --> 01:02:04.000 align:start\nsecond\n");

        assertThat(p.cues().get(0).start()).isEqualTo(Duration.ofMillis(1_250));
        assertThat(p.cues().get(0).end()).isEqualTo(Duration.ofSeconds(62));
        assertThat(p.cues().get(1).start()).isEqualTo(Duration.parse("PT1H2M3.004S"));
    }

    @Test
    void cueIdentifierLinesAreOptional() {
        VttParseResult.Parsed p =
                parsed("WEBVTT\n\nintro-1\n00:00.000 --> 00:01.000\nAna: a\n\n00:01.000 --> 00:02.000\nAna: b\n");

        assertThat(p.cues()).extracting(Cue::id).containsExactly("intro-1", null);
        assertThat(p.turns()).singleElement().extracting(Turn::text).isEqualTo("a b");
    }

    @Test
    void prefixThatIsNotANameStaysText() {
        VttParseResult.Parsed p = parsed("WEBVTT\n\n00:00.000 --> 00:01.000\nBP: 120/80\n\n"
                + "00:01.000 --> 00:02.000\nTemp 98.6: normal\n\n"
                + "00:02.000 --> 00:03.000\nthe plan for you and me today: rest\n");

        assertThat(p.cues()).extracting(Cue::speaker).containsOnlyNulls();
        assertThat(p.cues())
                .extracting(Cue::text)
                .containsExactly("BP: 120/80", "Temp 98.6: normal", "the plan for you and me today: rest");
    }

    @Test
    void splitsOnlyAtTheFirstColonSpace() {
        VttParseResult.Parsed p = parsed("WEBVTT\n\n00:00.000 --> 00:01.000\nMary-Jane O'Brien: note: BP: 120/80\n");

        assertThat(p.cues().get(0).speaker()).isEqualTo("Mary-Jane O'Brien");
        assertThat(p.cues().get(0).text()).isEqualTo("note: BP: 120/80");
    }

    @Test
    void nameRule() {
        assertThat(SpeakerNames.looksLikeName("Dr. J. R. Smith")).isTrue();
        assertThat(SpeakerNames.looksLikeName("JOHN")).isTrue();
        assertThat(SpeakerNames.looksLikeName("José Ñúñez")).isTrue();
        assertThat(SpeakerNames.looksLikeName("BP")).isFalse();
        assertThat(SpeakerNames.looksLikeName("PMH")).isFalse();
        assertThat(SpeakerNames.looksLikeName("Room 2")).isFalse();
        assertThat(SpeakerNames.looksLikeName("one two three four five")).isFalse();
        assertThat(SpeakerNames.looksLikeName("...")).isFalse();
        assertThat(SpeakerNames.looksLikeName(" ")).isFalse();
    }

    @Test
    void cuesWithoutSpeakerFormTheirOwnTurns() {
        VttParseResult.Parsed p = parsed("WEBVTT\n\n00:00.000 --> 00:01.000\nhello there\n\n"
                + "00:01.000 --> 00:02.000\nstill nobody\n\n00:02.000 --> 00:03.000\nAna: me\n");

        assertThat(p.turns()).extracting(Turn::speaker).containsExactly(null, "Ana");
        assertThat(p.turns().get(0).text()).isEqualTo("hello there still nobody");
    }

    @Test
    void voiceTagsGiveTheSpeakerAndTruncatedLastCueKeepsWhatIsThere() throws IOException {
        VttParseResult.Parsed p = parsed(resource("truncated-voice.vtt"));

        assertThat(p.cues()).extracting(Cue::speaker).containsExactly("Dr. Chen", "Sam O'Neil", "Sam O'Neil");
        assertThat(p.cues().get(2).text()).isEqualTo("Only some shortness of breath when I walk");
        assertThat(p.turns()).extracting(Turn::speaker).containsExactly("Dr. Chen", "Sam O'Neil");
        assertThat(p.turns().get(1).end()).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void voiceTagWithClassAndInnerTags() {
        VttParseResult.Parsed p = parsed("WEBVTT\n\n00:00.000 --> 00:01.000\n<v.loud Ana Lee><b>hi</b> <i>there</i>\n");

        assertThat(p.cues().get(0).speaker()).isEqualTo("Ana Lee");
        assertThat(p.cues().get(0).text()).isEqualTo("hi there");
    }

    @Test
    void lastTimingLineCutShortIsDropped() {
        VttParseResult.Parsed p = parsed("WEBVTT\n\n00:00.000 --> 00:01.000\nAna: one\n\n00:01.000 --> 00:0");

        assertThat(p.cues()).extracting(Cue::text).containsExactly("one");
    }

    @Test
    void lastCueWithTimingButNoTextIsDropped() {
        VttParseResult.Parsed p = parsed("WEBVTT\n\n00:00.000 --> 00:01.000\nAna: one\n\n00:01.000 --> 00:02.000\n");

        assertThat(p.cues()).hasSize(1);
    }

    @Test
    void htmlEntities() {
        VttParseResult.Parsed p = parsed("WEBVTT\n\n00:00.000 --> 00:01.000\n"
                + "a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; f&nbsp;g &#233; &#x2014; &bogus; &#0;\n");

        assertThat(p.cues().get(0).text()).isEqualTo("a & b <c> \"d\" 'e' f g é — &bogus; &#0;");
    }

    @Test
    void decodedEntitiesAreNotReadAsTags() {
        VttParseResult.Parsed p = parsed("WEBVTT\n\n00:00.000 --> 00:01.000\n&lt;v Eve&gt; x &lt; 5\n");

        assertThat(p.cues().get(0).speaker()).isNull();
        assertThat(p.cues().get(0).text()).isEqualTo("<v Eve> x < 5");
    }

    @Test
    void noteAndStyleBlocksAndHeaderTextAreSkipped() {
        VttParseResult.Parsed p = parsed("WEBVTT - Zoom\nKind: captions\n\nNOTE\nrecorded by zoom\n\n"
                + "STYLE\n::cue { color: red }\n\n00:00.000 --> 00:01.000\nAna: hi\n");

        assertThat(p.cues()).extracting(Cue::text).containsExactly("hi");
    }

    @Test
    void missingHeaderFailsWhenStrictAndIsReadWhenLenient() {
        String vtt = "00:00.000 --> 00:01.000\nAna: hi\n";

        VttParseResult.Failed f = failed(WebVttParser.strict().parse(vtt));
        assertThat(f.line()).isEqualTo(1);
        assertThat(f.message()).isEqualTo("line 1: missing WEBVTT header");
        assertThat(WebVttParser.lenient().parse(vtt))
                .isInstanceOfSatisfying(
                        VttParseResult.Parsed.class, p -> assertThat(p.cues()).hasSize(1));
    }

    @Test
    void badTimestampLineNamesItsLine() {
        VttParseResult.Failed f = failed(
                WebVttParser.strict()
                        .parse(
                                "WEBVTT\n\n00:00.000 --> 00:01.000\nAna: hi\n\n2\n00:01.000 --> 00:61.000\nAna: secret words\n"));

        assertThat(f.line()).isEqualTo(7);
        assertThat(f.reason()).isEqualTo("malformed cue timing line").doesNotContain("secret");
    }

    @Test
    void blockWithoutTimingLineNamesItsLine() {
        VttParseResult.Failed f = failed(
                WebVttParser.strict().parse("WEBVTT\n\n00:00.000 --> 00:01.000\nAna: hi\n\njust text\nmore\n\n"));

        assertThat(f.line()).isEqualTo(6);
    }

    @Test
    void cueEndingBeforeItStartsFails() {
        VttParseResult.Failed f = failed(WebVttParser.strict().parse("WEBVTT\n\n00:05.000 --> 00:01.000\nAna: hi\n"));

        assertThat(f.line()).isEqualTo(3);
        assertThat(f.reason()).isEqualTo("cue ends before it starts");
    }

    @Test
    void emptyAndHeaderOnlyInputs() {
        assertThat(parsed("WEBVTT\n").cues()).isEmpty();
        assertThat(parsed("WEBVTT").turns()).isEmpty();
        assertThat(failed(WebVttParser.strict().parse("")).line()).isEqualTo(1);
        assertThat(WebVttParser.lenient().parse("")).isEqualTo(new VttParseResult.Parsed(List.of(), List.of()));
    }
}
