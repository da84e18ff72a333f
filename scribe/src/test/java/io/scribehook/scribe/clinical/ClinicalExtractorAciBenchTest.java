package io.scribehook.scribe.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.scribe.aci.AciBenchData;
import io.scribehook.scribe.aci.AciBenchSplit;
import io.scribehook.scribe.aci.AciEncounter;
import io.scribehook.scribe.aci.AciToWebVtt;
import io.scribehook.scribe.roles.AppointmentPeople;
import io.scribehook.scribe.roles.RoleAssignment;
import io.scribehook.scribe.roles.RoleDetector;
import io.scribehook.scribe.vtt.VttParseResult;
import io.scribehook.scribe.vtt.WebVttParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The extractor over every ACI-BENCH train and valid encounter: findings only where the transcript
 * has them, each within the meeting, and a medication named in the reference note found in the
 * dialogue most of the time.
 */
class ClinicalExtractorAciBenchTest {

    @Test
    void everyEncounterGivesFindingsWithinTheMeeting() throws IOException {
        Path dir = AciBenchData.dirOrSkip();
        List<AciEncounter> encounters = new ArrayList<>(AciBenchSplit.load(dir, "train"));
        encounters.addAll(AciBenchSplit.load(dir, "valid"));
        ClinicalExtractor extractor = ClinicalExtractor.withDefaultLexicon();
        ClinicalLexicon lexicon = ClinicalLexicon.defaults();
        int withMedications = 0;
        int withVitals = 0;
        int withFollowUp = 0;
        int noteNames = 0;
        int noteNamesFound = 0;
        for (AciEncounter e : encounters) {
            VttParseResult.Parsed p =
                    (VttParseResult.Parsed) WebVttParser.strict().parse(AciToWebVtt.convert(e));
            RoleAssignment roles = new RoleDetector().detect(p, AppointmentPeople.UNKNOWN);
            ClinicalFindings f = extractor.extract(p, roles);
            var end = p.cues().get(p.cues().size() - 1).end();
            assertThat(f.medications())
                    .allSatisfy(m -> assertThat(m.source().end()).isLessThanOrEqualTo(end));
            assertThat(f.vitals()).allSatisfy(v -> assertThat(v.source().end()).isLessThanOrEqualTo(end));
            withMedications += f.medications().isEmpty() ? 0 : 1;
            withVitals += f.vitals().isEmpty() ? 0 : 1;
            withFollowUp += f.followUp().isPresent() ? 1 : 0;

            String note = " " + String.join(" ", TokenizedText.words(e.note())) + " ";
            String dialogue = " " + String.join(" ", TokenizedText.words(e.dialogue())) + " ";
            for (ClinicalLexicon.MedicationName m : lexicon.medications()) {
                String name = " " + String.join(" ", TokenizedText.words(m.name())) + " ";
                if (note.contains(name) && dialogue.contains(name)) {
                    noteNames++;
                    if (f.medications().stream().anyMatch(x -> x.generic().equals(m.generic()))) {
                        noteNamesFound++;
                    }
                }
            }
        }
        double found = (double) noteNamesFound / noteNames;
        System.out.printf(
                Locale.ROOT,
                "ClinicalExtractor on %d ACI-BENCH train+valid encounters: medications in %d, vitals in %d,"
                        + " follow-up in %d; lexicon names in both note and dialogue found %d of %d (%.1f%%)%n",
                encounters.size(),
                withMedications,
                withVitals,
                withFollowUp,
                noteNamesFound,
                noteNames,
                100 * found);
        assertThat(found).isGreaterThanOrEqualTo(0.9);
        assertThat(withMedications).isGreaterThan(encounters.size() / 2);
    }
}
