package io.scribehook.app.scribe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scribehook.app.JarRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scribehook scribe draft}: a note from a local file, no server, no database. */
class ScribeDraftCliTest {
    private static final String VISIT = """
            WEBVTT

            1
            00:00:01.000 --> 00:00:05.000
            Dr. Ada Chen: Good morning, I see you are here today for your knee pain.

            2
            00:00:05.500 --> 00:00:12.000
            Maria Lopez: I have had pain in my right knee for about three weeks after a fall at work.

            3
            00:00:12.500 --> 00:00:15.000
            Dr. Ada Chen: Any fever or chills?

            4
            00:00:15.200 --> 00:00:16.000
            Maria Lopez: No.

            5
            00:00:16.500 --> 00:00:22.000
            Maria Lopez: I take ibuprofen 400 mg twice a day and my knee swells when I walk a lot.

            6
            00:00:23.000 --> 00:00:30.000
            Dr. Ada Chen: On exam, there is mild swelling and tenderness over the medial joint line.

            7
            00:00:31.000 --> 00:00:38.000
            Dr. Ada Chen: Your blood pressure today is 128 over 82.

            8
            00:00:47.000 --> 00:00:55.000
            Dr. Ada Chen: I'm going to refer you to physical therapy, and I'd like to see you back in two weeks.
            """;

    @TempDir
    Path dir;

    private Path visit() throws Exception {
        Path file = dir.resolve("visit.vtt");
        Files.writeString(file, VISIT);
        return file;
    }

    @Test
    void printsTheDraftNoteUnderTheTemplatesHeadings() throws Exception {
        JarRunner.Run run = JarRunner.inProcess("scribe", "draft", visit().toString(), "--clinician", "Ada Chen");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .as(run.out())
                .startsWith("DRAFT for clinician review")
                .contains("CHIEF COMPLAINT", "HISTORY OF PRESENT ILLNESS", "ASSESSMENT AND PLAN")
                .contains("The patient has had pain in their right knee")
                .contains("Denies fever or chills.");
    }

    @Test
    void jsonCarriesSectionsWithCueTimesAndTheAnalysis() throws Exception {
        JarRunner.Run run = JarRunner.inProcess("scribe", "draft", visit().toString(), "--template", "soap", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("template").asText()).isEqualTo("soap");
        assertThat(json.path("writer").asText()).isEqualTo("offline");
        JsonNode first = json.path("sections").get(0);
        assertThat(first.path("title").asText()).isEqualTo("SUBJECTIVE");
        assertThat(first.path("cues").get(0).path("start").isNumber()).isTrue();
        JsonNode speakers = json.path("analysis").path("speakers");
        assertThat(speakers).hasSize(2);
        assertThat(speakers.get(0).path("role").asText()).isEqualTo("clinician");
        assertThat(speakers.get(1).path("role").asText()).isEqualTo("patient");
        assertThat(json.path("analysis").path("medications").get(0).path("name").asText())
                .isEqualToIgnoringCase("ibuprofen");
        assertThat(json.path("analysis").path("vitals").get(0).path("value").asText())
                .isEqualTo("128/82");
        assertThat(json.path("analysis").path("follow_up").path("days").asInt()).isEqualTo(14);
    }

    @Test
    void aMissingFileOrUnknownTemplateIsAUsageError() throws Exception {
        JarRunner.Run missing =
                JarRunner.inProcess("scribe", "draft", dir.resolve("nope.vtt").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");

        JarRunner.Run template = JarRunner.inProcess("scribe", "draft", visit().toString(), "--template", "sbar");
        assertThat(template.exit()).isEqualTo(2);
        assertThat(template.err()).contains("no template 'sbar'", "hp, soap");

        JarRunner.Run writer = JarRunner.inProcess("scribe", "draft", visit().toString(), "--writer", "gpt");
        assertThat(writer.exit()).isEqualTo(2);
        assertThat(writer.err()).contains("--writer must be offline or llm");
    }

    @Test
    void anUnreadableTranscriptFailsNamingTheLineWithoutQuotingIt() throws Exception {
        Path bad = dir.resolve("bad.vtt");
        Files.writeString(bad, "not a transcript\nMaria Lopez: secret words\n");
        JarRunner.Run run = JarRunner.inProcess("scribe", "draft", bad.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("bad.vtt", "line 1").doesNotContain("secret words");
    }
}
