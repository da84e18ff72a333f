package io.scribehook.scribe.note.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scribehook.scribe.analysis.TranscriptAnalyzer;
import io.scribehook.scribe.clinical.ClinicalFindings;
import io.scribehook.scribe.note.DraftNote;
import io.scribehook.scribe.note.NoteSection;
import io.scribehook.scribe.note.NoteSentence;
import io.scribehook.scribe.note.NoteTemplates;
import io.scribehook.scribe.note.TranscriptAnalysis;
import io.scribehook.scribe.roles.Role;
import io.scribehook.scribe.roles.RoleAssignment;
import io.scribehook.scribe.roles.RoleBasis;
import io.scribehook.scribe.roles.SpeakerRole;
import io.scribehook.scribe.vtt.CueTimes;
import io.scribehook.scribe.vtt.VttParseResult;
import io.scribehook.scribe.vtt.WebVttParser;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfflineNoteWriterTest {
    private static final String VISIT = """
            WEBVTT

            1
            00:00:01.000 --> 00:00:05.000
            Dr. Chen: Good morning, what brings you in today for your knee pain?

            2
            00:00:05.500 --> 00:00:12.000
            Maria Lopez: I have had pain in my right knee for about three weeks after a fall at work.

            3
            00:00:12.500 --> 00:00:15.000
            Dr. Chen: Any fever or chills?

            4
            00:00:15.200 --> 00:00:16.000
            Maria Lopez: No.

            5
            00:00:16.500 --> 00:00:22.000
            Maria Lopez: I take ibuprofen at night and my knee swells when I walk a lot.

            6
            00:00:23.000 --> 00:00:30.000
            Dr. Chen: On exam, there is mild swelling and tenderness over the medial joint line of her right knee.

            7
            00:00:31.000 --> 00:00:38.000
            Dr. Chen: The x-ray of your right knee shows no fracture and normal alignment.

            8
            00:00:39.000 --> 00:00:46.000
            Dr. Chen: I think you have a medial meniscus strain from the fall at work.

            9
            00:00:47.000 --> 00:00:55.000
            Dr. Chen: I'm going to refer you to physical therapy and I want you to ice the knee twice a day.
            """;

    private static TranscriptAnalysis analysis(String vtt) {
        VttParseResult.Parsed parsed =
                (VttParseResult.Parsed) WebVttParser.lenient().parse(vtt);
        RoleAssignment roles = new RoleAssignment(List.of(
                new SpeakerRole("Dr. Chen", Role.CLINICIAN, 1, RoleBasis.NAME_MATCH),
                new SpeakerRole("Maria Lopez", Role.PATIENT, 1, RoleBasis.NAME_MATCH)));
        return new TranscriptAnalysis(
                parsed, TranscriptAnalyzer.withDefaults().analyze(parsed), roles, ClinicalFindings.NONE);
    }

    private static String section(DraftNote note, String title) {
        return note.sections().stream()
                .filter(s -> s.title().equals(title))
                .findFirst()
                .map(NoteSection::text)
                .orElseThrow();
    }

    @Test
    void sentencesGoToTheirSectionsInTheNotesVoice() {
        DraftNote note = OfflineNoteWriter.create().write(analysis(VISIT), NoteTemplates.builtIn("hp"));

        assertEquals("Knee pain.", section(note, "CHIEF COMPLAINT"));
        String history = section(note, "HISTORY OF PRESENT ILLNESS");
        assertTrue(history.contains("She has had pain in her right knee for about three weeks"), history);
        assertTrue(history.contains("She takes ibuprofen at night and her knee swells when she walks a lot."), history);
        assertEquals("Denies fever or chills.", section(note, "REVIEW OF SYSTEMS"));
        assertTrue(section(note, "PHYSICAL EXAMINATION").startsWith("On exam, there is mild swelling"), note.render());
        assertTrue(section(note, "RESULTS").contains("The x-ray of her right knee shows no fracture"), note.render());
        String plan = section(note, "ASSESSMENT AND PLAN");
        assertTrue(plan.contains("I think she has a medial meniscus strain"), plan);
        assertTrue(plan.contains("I'm going to refer her to physical therapy"), plan);
        assertTrue(note.render().startsWith(DraftNote.DRAFT_BANNER), note.render());
        assertEquals("offline", note.writer());
    }

    @Test
    void everySentenceCarriesTheCueTimesItCameFrom() {
        TranscriptAnalysis a = analysis(VISIT);
        DraftNote note = OfflineNoteWriter.create().write(a, NoteTemplates.builtIn("soap"));
        int sentences = 0;
        for (NoteSection s : note.sections()) {
            for (NoteSentence sentence : s.sentences()) {
                sentences++;
                assertFalse(sentence.cues().isEmpty(), sentence.text());
                for (CueTimes t : sentence.cues()) {
                    assertTrue(
                            a.transcript().cues().stream()
                                    .anyMatch(c -> c.start().equals(t.start())),
                            "starts at a cue: " + t);
                    assertTrue(t.end().compareTo(t.start()) >= 0, t.toString());
                }
            }
        }
        assertTrue(sentences >= 7, note.render());
        NoteSentence denies = note.sections().get(0).sentences().stream()
                .filter(s -> s.text().startsWith("Denies"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                List.of(
                        new CueTimes(Duration.ofMillis(12_500), Duration.ofMillis(15_000)),
                        new CueTimes(Duration.ofMillis(15_200), Duration.ofMillis(16_000))),
                denies.cues());
    }

    @Test
    void theSameTranscriptGivesTheSameNote() {
        DraftNote one = OfflineNoteWriter.create().write(analysis(VISIT), NoteTemplates.builtIn("hp"));
        DraftNote two = OfflineNoteWriter.create().write(analysis(VISIT), NoteTemplates.builtIn("hp"));
        assertEquals(one, two);
    }

    @Test
    void anEmptyTranscriptGivesEmptySectionsMarkedNotDiscussed() {
        DraftNote note = OfflineNoteWriter.create().write(analysis("WEBVTT\n"), NoteTemplates.builtIn("hp"));
        assertEquals(6, note.sections().size());
        assertTrue(note.sections().stream().allMatch(s -> s.sentences().isEmpty()));
        assertTrue(note.render().contains("Not discussed."));
    }

    @Test
    void speechIsCleanedOfFillersAndStutters() {
        assertEquals(
                "I think it hurts more, at night.",
                OfflineNoteWriter.sentence(
                        Disfluencies.clean("um , i- i think it , uh , hurts more , you know , at night .")));
        assertEquals("she has pain in her knee", ThirdPerson.patient("i have pain in my knee", PatientPronouns.FEMALE));
        assertEquals(
                "he is going to take his pills",
                ThirdPerson.clinician("you're going to take your pills", PatientPronouns.MALE));
    }
}
