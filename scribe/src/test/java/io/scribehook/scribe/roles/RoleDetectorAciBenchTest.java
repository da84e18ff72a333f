package io.scribehook.scribe.roles;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.scribe.aci.AciBenchData;
import io.scribehook.scribe.aci.AciBenchSplit;
import io.scribehook.scribe.aci.AciEncounter;
import io.scribehook.scribe.aci.AciToWebVtt;
import io.scribehook.scribe.vtt.Cue;
import io.scribehook.scribe.vtt.VttParseResult;
import io.scribehook.scribe.vtt.WebVttParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The talk heuristic alone (no names known) against ACI-BENCH's {@code [doctor]} tags, on every
 * train and valid encounter converted to WebVTT.
 */
class RoleDetectorAciBenchTest {

    @Test
    void theHeuristicFindsTheDoctorInAciBench() throws IOException {
        Path dir = AciBenchData.dirOrSkip();
        List<AciEncounter> encounters = new ArrayList<>(AciBenchSplit.load(dir, "train"));
        encounters.addAll(AciBenchSplit.load(dir, "valid"));
        RoleDetector detector = new RoleDetector();
        int right = 0;
        int guestsAsOther = 0;
        int guests = 0;
        List<String> wrong = new ArrayList<>();
        for (AciEncounter e : encounters) {
            VttParseResult.Parsed p =
                    (VttParseResult.Parsed) WebVttParser.strict().parse(AciToWebVtt.convert(e));
            Map<String, String> tagOf = tags(e, p);
            RoleAssignment roles = detector.detect(p, AppointmentPeople.UNKNOWN);

            String doctor = roles.clinician().map(SpeakerRole::speaker).orElse(null);
            if (doctor != null && "doctor".equals(tagOf.get(doctor))) {
                right++;
            } else {
                wrong.add(e.encounterId());
            }
            for (SpeakerRole s : roles.speakers()) {
                assertThat(s.confidence()).isBetween(0.0, 1.0);
                assertThat(s.basis()).isEqualTo(RoleBasis.HEURISTIC);
                if ("patient_guest".equals(tagOf.get(s.speaker()))) {
                    guests++;
                    guestsAsOther += s.role() == Role.OTHER ? 1 : 0;
                }
            }
        }
        double accuracy = (double) right / encounters.size();
        System.out.printf(
                Locale.ROOT,
                "RoleDetector on ACI-BENCH train+valid, names unknown: doctor found in %d of %d encounters (%.1f%%);"
                        + " guests as OTHER %d of %d; missed %s%n",
                right,
                encounters.size(),
                100 * accuracy,
                guestsAsOther,
                guests,
                wrong);
        assertThat(encounters).hasSize(87);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void withTheConvertersNamesTheTalkOverridesOnlyWhereTheTagsAreSwapped() throws IOException {
        Path dir = AciBenchData.dirOrSkip();
        List<AciEncounter> encounters = new ArrayList<>(AciBenchSplit.load(dir, "train"));
        encounters.addAll(AciBenchSplit.load(dir, "valid"));
        RoleDetector detector = new RoleDetector();
        List<String> talkMisses = new ArrayList<>();
        List<String> contradicted = new ArrayList<>();
        int named = 0;
        for (AciEncounter e : encounters) {
            VttParseResult.Parsed p =
                    (VttParseResult.Parsed) WebVttParser.strict().parse(AciToWebVtt.convert(e));
            Map<String, String> tagOf = tags(e, p);
            String doctorLabel = null;
            String patientLabel = null;
            for (Map.Entry<String, String> t : tagOf.entrySet()) {
                doctorLabel = t.getValue().equals("doctor") ? t.getKey() : doctorLabel;
                patientLabel = t.getValue().equals("patient") ? t.getKey() : patientLabel;
            }
            String talkDoctor = detector.detect(p, AppointmentPeople.UNKNOWN)
                    .clinician()
                    .map(SpeakerRole::speaker)
                    .orElse(null);
            if (!"doctor".equals(tagOf.get(talkDoctor))) {
                talkMisses.add(e.encounterId());
            }
            RoleAssignment roles = detector.detect(p, new AppointmentPeople(doctorLabel, patientLabel));
            SpeakerRole clinician = roles.clinician().orElseThrow();
            named += clinician.basis() == RoleBasis.HEURISTIC ? 0 : 1;
            if (clinician.basis() == RoleBasis.NAME_CONTRADICTED) {
                contradicted.add(e.encounterId());
                assertThat(clinician.speaker()).isEqualTo(talkDoctor);
            }
        }
        System.out.printf(
                "RoleDetector on ACI-BENCH with the converter's names: name decided %d of %d, contradicted in %s%n",
                named, encounters.size(), contradicted);
        assertThat(named).isGreaterThan(encounters.size() / 2);
        assertThat(talkMisses).isNotEmpty();
        assertThat(contradicted).containsExactlyElementsOf(talkMisses);
    }

    /**
     * The ACI-BENCH tag of each display name: the converted cues are laid against the dialogue's
     * tagged turns by their text, so the check does not rely on how the converter names people.
     */
    private static Map<String, String> tags(AciEncounter e, VttParseResult.Parsed p) {
        Map<String, String> tagOf = new HashMap<>();
        List<AciToWebVtt.DialogueTurn> turns = AciToWebVtt.turns(e.dialogue());
        int cue = 0;
        for (AciToWebVtt.DialogueTurn turn : turns) {
            String want = squash(turn.text());
            StringBuilder got = new StringBuilder();
            while (cue < p.cues().size() && got.length() < want.length()) {
                Cue c = p.cues().get(cue++);
                got.append(squash(c.text()));
                tagOf.merge(c.speaker(), turn.role(), (a, b) -> a.equals(b) ? a : "mixed");
            }
            assertThat(got.toString()).isEqualTo(want);
        }
        return tagOf;
    }

    private static String squash(String s) {
        return s.replaceAll("\\s+", "");
    }
}
