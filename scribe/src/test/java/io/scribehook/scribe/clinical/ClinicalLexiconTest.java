package io.scribehook.scribe.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scribehook.scribe.clinical.ClinicalLexicon.ClinicalTerm;
import io.scribehook.scribe.clinical.ClinicalLexicon.MedicationName;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClinicalLexiconTest {
    private final ClinicalLexicon lexicon = ClinicalLexicon.defaults();

    @Test
    void theDefaultsHoldAtLeast300DistinctNamesAndEveryBrandMapsToAGeneric() {
        List<MedicationName> names = lexicon.medications();
        assertThat(names).hasSizeGreaterThanOrEqualTo(300);
        assertThat(names.stream().map(MedicationName::name).distinct().count()).isEqualTo(names.size());
        Set<String> generics = new HashSet<>();
        names.stream().filter(m -> !m.isBrand()).forEach(m -> generics.add(m.name()));
        assertThat(generics).hasSizeGreaterThanOrEqualTo(200);
        assertThat(names).filteredOn(MedicationName::isBrand).hasSizeGreaterThanOrEqualTo(100);
        assertThat(names).allSatisfy(m -> assertThat(generics).contains(m.generic()));
        assertThat(names).contains(new MedicationName("lipitor", "atorvastatin", "statin"));
    }

    @Test
    void everyTermPhraseBelongsToOneTerm() {
        Map<String, String> owner = new HashMap<>();
        for (ClinicalTerm t : lexicon.terms()) {
            for (String phrase : concat(t)) {
                String previous = owner.put(phrase, t.term());
                assertThat(previous).as(phrase).isNull();
            }
        }
        assertThat(lexicon.terms()).hasSizeGreaterThanOrEqualTo(100);
    }

    @Test
    void termsAreFoundByTheirSynonyms() {
        assertThat(lexicon.term("High Blood-Pressure")).map(ClinicalTerm::term).hasValue("hypertension");
        assertThat(lexicon.term("sugar")).isEmpty();
        assertThat(lexicon.term("high blood sugar")).map(ClinicalTerm::term).hasValue("diabetes");
        assertThat(lexicon.term("diabetes").orElseThrow().synonyms()).contains("high blood sugar");
        assertThat(lexicon.term("no such thing")).isEmpty();
    }

    @Test
    void readersSkipCommentsAndNameTheBadLine() throws IOException {
        List<MedicationName> m = ClinicalLexicon.readMedications(
                new StringReader("# comment\n\nFooxin\tfooxin\tTest Class\nBarbrand\tfooxin\n"));
        assertThat(m)
                .containsExactly(
                        new MedicationName("fooxin", "fooxin", "test class"),
                        new MedicationName("barbrand", "fooxin", null));
        assertThatThrownBy(() -> ClinicalLexicon.readMedications(new StringReader("ok\tok\nbroken\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2");

        List<ClinicalTerm> t = ClinicalLexicon.readTerms(new StringReader("gout\nasthma\twheezing||reactive airway\n"));
        assertThat(t)
                .containsExactly(
                        new ClinicalTerm("gout", List.of()),
                        new ClinicalTerm("asthma", List.of("wheezing", "reactive airway")));
    }

    @Test
    void aCustomLexiconDrivesTheExtractor() {
        ClinicalLexicon custom = ClinicalLexicon.of(List.of(new MedicationName("fooxin", "fooxin", null)), List.of());
        io.scribehook.scribe.vtt.VttParseResult.Parsed p =
                (io.scribehook.scribe.vtt.VttParseResult.Parsed) io.scribehook.scribe.vtt.WebVttParser.strict()
                        .parse("WEBVTT\n\n00:01.000 --> 00:03.000\nAnn Lee: take fooxin 5 mg and lisinopril\n");
        ClinicalFindings f =
                ClinicalExtractor.with(custom).extract(p, new io.scribehook.scribe.roles.RoleAssignment(List.of()));
        assertThat(f.medications()).extracting(Medication::name).containsExactly("fooxin");
    }

    private static List<String> concat(ClinicalTerm t) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(t.term()), t.synonyms().stream())
                .map(s -> String.join(" ", TokenizedText.words(s)))
                .toList();
    }
}
