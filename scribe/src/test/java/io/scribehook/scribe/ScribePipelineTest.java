package io.scribehook.scribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.scribehook.scribe.clinical.ClinicalFindings;
import io.scribehook.scribe.note.NoteTemplates;
import io.scribehook.scribe.note.offline.OfflineNoteWriter;
import io.scribehook.scribe.roles.AppointmentPeople;
import io.scribehook.scribe.roles.RoleAssignment;
import io.scribehook.scribe.rouge.RougeTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScribePipelineTest {
    private static String resource(String name) throws IOException {
        try (InputStream in = ScribePipelineTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theSixtyMinuteVisitBecomesANoteWithItsAnalysis() throws IOException {
        ScribeResult result = ScribePipeline.offline()
                .run(
                        resource("/vtt/visit-60min.vtt"),
                        new AppointmentPeople("Ada Chen", "Jordan Ellis"),
                        NoteTemplates.builtIn("hp"));
        ScribeResult.Drafted drafted = assertInstanceOf(ScribeResult.Drafted.class, result);
        assertTrue(drafted.analysis().stats().meetingDuration().toMinutes() >= 60);
        assertEquals(
                "Dr. Ada Chen",
                drafted.analysis().roles().clinician().orElseThrow().speaker());
        assertFalse(drafted.analysis().findings().medications().isEmpty());
        JsonNode json = ScribeJson.of(drafted);
        assertEquals(6, json.path("sections").size());
        assertEquals(
                "clinician",
                json.path("analysis").path("speakers").get(0).path("role").asText());
        assertTrue(json.path("sections")
                .get(1)
                .path("sentences")
                .get(0)
                .path("cues")
                .get(0)
                .has("start"));
    }

    @Test
    void anUnreadableTranscriptIsAFailureNamingTheLine() {
        ScribeResult result = ScribePipeline.offline()
                .run(
                        "WEBVTT\n\n1\n00:00:01.000 --> garbage\nsecret words\n",
                        AppointmentPeople.UNKNOWN,
                        NoteTemplates.builtIn("hp"));
        ScribeResult.Failed failed = assertInstanceOf(ScribeResult.Failed.class, result);
        assertTrue(failed.reason().startsWith("line "), failed.reason());
        assertFalse(failed.reason().contains("secret"), failed.reason());
    }

    @Test
    void aFaultInAStepIsAFailureNamingTheStepNotAnException() {
        ScribePipeline broken = new ScribePipeline(
                (parsed, people) -> {
                    throw new IllegalStateException("patient Jane Doe");
                },
                (parsed, roles) -> ClinicalFindings.NONE,
                OfflineNoteWriter.create());
        ScribeResult result = broken.run("WEBVTT\n", AppointmentPeople.UNKNOWN, NoteTemplates.builtIn("soap"));
        assertEquals(new ScribeResult.Failed("roles failed: IllegalStateException"), result);
    }

    @Test
    void randomInputNeverEscapesAsAnException() {
        Random random = new Random(7);
        String alphabet = "WEBVT\n\r:->0123456789. <v>/&;abc Dr";
        ScribePipeline pipeline = ScribePipeline.offline();
        for (int i = 0; i < 300; i++) {
            StringBuilder b = new StringBuilder(i % 2 == 0 ? "WEBVTT\n\n" : "");
            for (int j = 0; j < 200; j++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            ScribeResult r = pipeline.run(b.toString(), AppointmentPeople.UNKNOWN, NoteTemplates.builtIn("hp"));
            assertTrue(r instanceof ScribeResult.Drafted || r instanceof ScribeResult.Failed);
        }
        assertEquals(
                new RoleAssignment(List.of()),
                ((ScribeResult.Drafted) pipeline.run("WEBVTT\n", null, NoteTemplates.builtIn("hp")))
                        .analysis()
                        .roles());
    }

    @Test
    void tokenCountAgreesWithTheTokens() {
        for (String s : List.of("", "BP: 120/80", "it's [patient_guest] ok", "Ünïcode ÄÖ 12ab", "  a  b  ")) {
            assertEquals(RougeTokenizer.tokens(s).size(), RougeTokenizer.count(s), s);
        }
    }
}
