package io.scribehook.scribe.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.scribe.roles.AppointmentPeople;
import io.scribehook.scribe.roles.RoleAssignment;
import io.scribehook.scribe.roles.RoleDetector;
import io.scribehook.scribe.vtt.CueTimes;
import io.scribehook.scribe.vtt.VttParseResult;
import io.scribehook.scribe.vtt.WebVttParser;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClinicalExtractorTest {
    private final ClinicalExtractor extractor = ClinicalExtractor.withDefaultLexicon();

    /** One cue a line, 10 s apart; a line is {@code Speaker: text} or bare text. */
    private static VttParseResult.Parsed vtt(String... lines) {
        StringBuilder s = new StringBuilder("WEBVTT\n");
        for (int i = 0; i < lines.length; i++) {
            s.append(String.format(
                    "%n00:%02d:%02d.000 --> 00:%02d:%02d.000%n%s%n",
                    i / 6, i % 6 * 10, i / 6, i % 6 * 10 + 8, lines[i]));
        }
        return (VttParseResult.Parsed) WebVttParser.strict().parse(s.toString());
    }

    private ClinicalFindings extract(String... lines) {
        VttParseResult.Parsed p = vtt(lines);
        return extractor.extract(p, new RoleDetector().detect(p, AppointmentPeople.UNKNOWN));
    }

    private static Medication only(ClinicalFindings f) {
        assertThat(f.medications()).hasSize(1);
        return f.medications().get(0);
    }

    @Test
    void dosesInDigitsAndWords() {
        assertThat(only(extract("Dr. Lee: start lisinopril twenty milligrams once a day"))
                        .dose())
                .isEqualTo("20 mg");
        assertThat(only(extract("Dr. Lee: Lisinopril 20 mg daily.")).dose()).isEqualTo("20 mg");
        assertThat(only(extract("Dr. Lee: lorazepam 0.5 mg at bedtime")).dose()).isEqualTo("0.5 mg");
        assertThat(only(extract("Dr. Lee: vitamin d 1,000 units a day")).dose()).isEqualTo("1000 units");
        assertThat(only(extract("Dr. Lee: metformin five hundred milligrams twice a day"))
                        .dose())
                .isEqualTo("500 mg");
        assertThat(only(extract("Dr. Lee: two point five milligrams of warfarin"))
                        .dose())
                .isEqualTo("2.5 mg");
        assertThat(only(extract("Dr. Lee: metformin 500 twice a day")).dose()).isEqualTo("500");
    }

    @Test
    void routeAndFrequency() {
        Medication m = only(extract("Dr. Lee: Amlodipine 5 mg by mouth twice daily."));
        assertThat(m.route()).isEqualTo("oral");
        assertThat(m.frequency()).isEqualTo("twice a day");

        Medication inhaler = only(extract("Dr. Lee: albuterol inhaler two puffs every 4 hours as needed"));
        assertThat(inhaler.route()).isEqualTo("inhaled");
        assertThat(inhaler.dose()).isEqualTo("2 puffs");
        assertThat(inhaler.frequency()).isEqualTo("every 4 hours as needed");

        assertThat(only(extract("Dr. Lee: enoxaparin 40 mg subcutaneous once daily"))
                        .route())
                .isEqualTo("subcutaneous");
        assertThat(only(extract("Dr. Lee: ceftriaxone 1 gram IV")).route()).isEqualTo("intravenous");
        assertThat(only(extract("Dr. Lee: hydrocortisone cream bid")).frequency())
                .isEqualTo("twice a day");
        assertThat(only(extract("Dr. Lee: zolpidem 5 mg at night")).frequency()).isEqualTo("at night");
        assertThat(only(extract("Dr. Lee: ibuprofen every eight hours")).frequency())
                .isEqualTo("every 8 hours");
    }

    @Test
    void brandsKeepTheirNameAndGiveTheGeneric() {
        Medication m = only(extract("Pat Doe: I take Lipitor every night."));
        assertThat(m.name()).isEqualTo("lipitor");
        assertThat(m.generic()).isEqualTo("atorvastatin");
    }

    @Test
    void multiWordNames() {
        ClinicalFindings f = extract("Pat Doe: I take fish oil and vitamin d every morning.");
        assertThat(f.medications()).extracting(Medication::name).containsExactly("fish oil", "vitamin d");
    }

    @Test
    void negationIsScopedToItsClause() {
        ClinicalFindings f = extract("Pat Doe: I stopped the lisinopril last month but I still take metformin.");
        assertThat(f.medications())
                .extracting(Medication::generic, Medication::negated)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("lisinopril", true),
                        org.assertj.core.groups.Tuple.tuple("metformin", false));
    }

    @Test
    void negationTriggers() {
        for (String s : List.of(
                "Pat Doe: I'm no longer taking aspirin.",
                "Pat Doe: she denies taking aspirin",
                "Pat Doe: I'm not taking aspirin",
                "Pat Doe: i do n't take aspirin",
                "Pat Doe: I never took aspirin.",
                "Pat Doe: I ran out of my aspirin.",
                "Pat Doe: I stopped aspirin",
                "Pat Doe: aspirin, I stopped that a while ago",
                "Pat Doe: I'm allergic to aspirin")) {
            assertThat(only(extract(s)).negated()).as(s).isTrue();
        }
        for (String s : List.of(
                "Pat Doe: I take aspirin every day.",
                "Pat Doe: My father takes aspirin.",
                "Pat Doe: I don't think the aspirin helps.",
                "Dr. Lee: Did you stop the aspirin?")) {
            assertThat(only(extract(s)).negated()).as(s).isFalse();
        }
    }

    @Test
    void aListSharesItsNegation() {
        ClinicalFindings f = extract("Pat Doe: I'm not taking lisinopril or metformin.");
        assertThat(f.medications()).extracting(Medication::negated).containsExactly(true, true);
    }

    @Test
    void aNoToAreYouTakingNegates() {
        ClinicalFindings f = extract("Dr. Lee: Are you taking aspirin?", "Pat Doe: No, not at all.");
        assertThat(only(f).negated()).isTrue();
        ClinicalFindings yes = extract("Dr. Lee: Are you taking aspirin?", "Pat Doe: Yes, every day.");
        assertThat(only(yes).negated()).isFalse();
    }

    @Test
    void repeatedMentionsKeepTheLastStatusAndTheMostCompleteMention() {
        ClinicalFindings f = extract(
                "Dr. Lee: are you taking your lisinopril",
                "Pat Doe: yes the lisinopril 10 mg once a day",
                "Dr. Lee: okay let's continue lisinopril");
        Medication m = only(f);
        assertThat(m.dose()).isEqualTo("10 mg");
        assertThat(m.frequency()).isEqualTo("once a day");
        assertThat(m.negated()).isFalse();
        assertThat(m.source()).isEqualTo(new CueTimes(Duration.ofSeconds(10), Duration.ofSeconds(18)));

        ClinicalFindings stopped =
                extract("Pat Doe: I take ibuprofen 400 mg for my knee.", "Dr. Lee: Please stop the ibuprofen.");
        assertThat(only(stopped).negated()).isTrue();
    }

    @Test
    void labValuesAndConditionsAreNotMedications() {
        assertThat(extract("Dr. Lee: your vitamin d level is low and your iron studies are normal")
                        .medications())
                .isEmpty();
        assertThat(extract("Pat Doe: No chest pain at all.").medications()).isEmpty();
    }

    @Test
    void vitals() {
        ClinicalFindings f = extract(
                "BP: 120/80",
                "Dr. Lee: blood pressure is one thirty two over eighty four and heart rate is seventy two",
                "Dr. Lee: temp 98.6, respiratory rate 16, o2 sat 97%, weight 180 pounds, BMI 27.4",
                "Dr. Lee: your a1c is 7.2 and your blood sugar was 145",
                "Dr. Lee: she is five foot four");
        assertThat(f.vitals())
                .extracting(v -> v.kind() + " " + v.value() + " " + v.unit())
                .containsExactly(
                        "blood_pressure 120/80 mmHg",
                        "blood_pressure 132/84 mmHg",
                        "heart_rate 72 bpm",
                        "temperature 98.6 F",
                        "respiratory_rate 16 /min",
                        "oxygen_saturation 97 %",
                        "weight 180 lb",
                        "bmi 27.4 kg/m2",
                        "a1c 7.2 %",
                        "glucose 145 mg/dL",
                        "height 64 in");
        assertThat(f.vitals().get(0).source()).isEqualTo(new CueTimes(Duration.ZERO, Duration.ofSeconds(8)));
    }

    @Test
    void targetsAndOtherNumbersAreNotVitals() {
        ClinicalFindings f = extract(
                "Dr. Lee: we want your blood pressure below 130 over 80",
                "Dr. Lee: a two out of six murmur, strength 5/5, and 20/20 vision",
                "Dr. Lee: you've lost ten pounds and had a fever for three days",
                "Dr. Lee: your pulse has been irregular for two weeks");
        assertThat(f.vitals()).isEmpty();
    }

    @Test
    void followUpIsTheLastOneTheClinicianStates() {
        ClinicalFindings f = extract(
                "Dr. Lee: Let's follow up in two weeks.",
                "Pat Doe: Could I come back in a month instead? I've had this for three weeks.",
                "Dr. Lee: Okay, I'll see you back in six to eight weeks then.",
                "Pat Doe: Great, see you in 2 months.");
        assertThat(f.followUp()).hasValueSatisfying(u -> {
            assertThat(u.interval()).isEqualTo("6 to 8 weeks");
            assertThat(u.days()).isEqualTo(42);
            assertThat(u.source().start()).isEqualTo(Duration.ofSeconds(20));
        });
        assertThat(extract("Dr. Lee: come back in a week")
                        .followUp()
                        .orElseThrow()
                        .days())
                .isEqualTo(7);
        assertThat(extract("Dr. Lee: I had a headache for two weeks and it came back")
                        .followUp())
                .isEmpty();
    }

    @Test
    void keyTermsCountLaySynonymsUnderTheTerm() {
        ClinicalFindings f = extract(
                "Dr. Lee: How is the high blood pressure? Any chest pain?",
                "Pat Doe: No chest pain. My hypertension is fine but my sugar diabetes is not.");
        assertThat(f.keyTerms())
                .extracting(KeyTerm::term, KeyTerm::count)
                .startsWith(
                        org.assertj.core.groups.Tuple.tuple("chest pain", 2),
                        org.assertj.core.groups.Tuple.tuple("hypertension", 2));
        assertThat(f.keyTerms()).extracting(KeyTerm::term).contains("diabetes");
    }

    @Test
    void aDoseInTheNextCueStillBelongsToTheName() {
        ClinicalFindings f = extract("Dr. Lee: we'll start you on lisinopril", "Dr. Lee: 20 milligrams once a day");
        Medication m = only(f);
        assertThat(m.dose()).isEqualTo("20 mg");
        assertThat(m.source().start()).isEqualTo(Duration.ZERO);
    }

    @Test
    void emptyTranscriptsFindNothing() {
        VttParseResult.Parsed empty = new VttParseResult.Parsed(List.of(), List.of());
        assertThat(extractor.extract(empty, new RoleAssignment(List.of()))).isEqualTo(ClinicalFindings.NONE);
        assertThat(extractor.extract(empty, null)).isEqualTo(ClinicalFindings.NONE);
    }
}
