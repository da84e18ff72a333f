package io.scribehook.scribe.vtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** No input makes the parser throw: mangled copies of the fixtures give a result, never an exception. */
class WebVttParserRobustnessTest {
    private static final String PIECES = "\n\r\r\n :<>&;#x-->.0123456789WEBVTT<v ></v>&#&amp;&#99999999;";

    private static String resource(String name) throws IOException {
        try (InputStream in = WebVttParserRobustnessTest.class.getResourceAsStream("/vtt/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void mangledTranscriptsGiveAResultNotAnException() throws IOException {
        String[] seeds = {resource("zoom-crlf-bom.vtt"), resource("truncated-voice.vtt")};
        Random random = new Random(42);
        int parsed = 0;
        int failed = 0;
        for (int i = 0; i < 5_000; i++) {
            StringBuilder s = new StringBuilder(seeds[i % seeds.length]);
            int edits = 1 + random.nextInt(6);
            for (int e = 0; e < edits && !s.isEmpty(); e++) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.deleteCharAt(at);
                    case 1 -> s.insert(at, PIECES.charAt(random.nextInt(PIECES.length())));
                    default -> s.setLength(at);
                }
            }
            VttParseResult result = WebVttParser.strict().parse(s.toString());
            switch (result) {
                case VttParseResult.Parsed p -> {
                    parsed++;
                    assertThat(p.turns().stream().mapToInt(t -> t.cues().size()).sum())
                            .isEqualTo(p.cues().size());
                }
                case VttParseResult.Failed f -> {
                    failed++;
                    assertThat(f.line()).isPositive();
                }
            }
        }
        assertThat(parsed).isPositive();
        assertThat(failed).isPositive();
    }
}
