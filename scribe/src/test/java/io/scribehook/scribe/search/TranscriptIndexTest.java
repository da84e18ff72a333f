package io.scribehook.scribe.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scribehook.scribe.clinical.ClinicalLexicon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.StoredFields;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptIndexTest {
    static final SearchAnalyzers ANALYZERS = SearchAnalyzers.of(ClinicalLexicon.defaults());

    @TempDir
    Path folder;

    TranscriptIndex index;
    final Map<PassageRef, Passage> texts = new HashMap<>();

    @BeforeEach
    void open() throws IOException {
        index = TranscriptIndex.open(folder, ANALYZERS);
    }

    @AfterEach
    void close() throws IOException {
        index.close();
    }

    PassageRef turn(String appointment, int seq, String speaker, String role, long start, String text) {
        PassageRef ref = new PassageRef(PassageRef.Kind.TRANSCRIPT, appointment, "t-" + appointment, seq, 0);
        texts.put(ref, new Passage(text, speaker, null));
        return ref;
    }

    void put(String appointment, List<PassageRef> refs, long... starts) {
        List<IndexedPassage> passages = new java.util.ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            PassageRef r = refs.get(i);
            Passage p = texts.get(r);
            passages.add(new IndexedPassage(
                    r, p.speaker(), p.speaker() == null ? null : "clinician", p.section(), starts[i], p.text()));
        }
        index.replaceAppointment(appointment, passages);
    }

    SearchResults search(String q) throws QuerySyntaxException {
        return index.search(q, 10, refs -> {
            Map<PassageRef, Passage> m = new HashMap<>();
            for (PassageRef r : refs) {
                if (texts.containsKey(r)) {
                    m.put(r, texts.get(r));
                }
            }
            return m;
        });
    }

    void sample() {
        put(
                "a1",
                List.of(
                        turn("a1", 0, "Dr. Ada Chen", "clinician", 0, "Good morning, what brings you in today?"),
                        turn("a1", 1, "Dr. Ada Chen", "clinician", 0, "Your hypertension is well controlled now."),
                        turn("a1", 2, "Dr. Ada Chen", "clinician", 0, "Keep taking the Lipitor every night.")),
                0,
                61_500,
                125_000);
        put(
                "a2",
                List.of(
                        turn("a2", 0, "Sam Ortiz", "patient", 0, "My doctor said I have high blood pressure."),
                        turn("a2", 1, "Sam Ortiz", "patient", 0, "I stopped the atorvastatin, it hurt my knees <b>.")),
                3_000,
                9_000);
        index.commit(7);
    }

    @Test
    void layWordsFindTheClinicalTermAndTheSnippetMarksIt() throws Exception {
        sample();
        SearchResults r = search("high blood pressure");
        assertThat(r.hits()).extracting(h -> h.ref().appointmentId()).containsExactlyInAnyOrder("a1", "a2");
        SearchHit clinical = r.hits().stream()
                .filter(h -> h.ref().appointmentId().equals("a1"))
                .findFirst()
                .orElseThrow();
        assertThat(clinical.snippet()).isEqualTo("Your <mark>hypertension</mark> is well controlled now.");
        assertThat(clinical.startMillis()).isEqualTo(61_500);
        assertThat(clinical.ref().seq()).isEqualTo(1);
        assertThat(clinical.speaker()).isEqualTo("Dr. Ada Chen");
    }

    @Test
    void theClinicalTermFindsTheLayPhrase() throws Exception {
        sample();
        SearchResults r = search("hypertension");
        SearchHit lay = r.hits().stream()
                .filter(h -> h.ref().appointmentId().equals("a2"))
                .findFirst()
                .orElseThrow();
        assertThat(lay.snippet()).contains("<mark>high").contains("pressure</mark>");
        assertThat(lay.snippet()).doesNotContain("<mark>My");
    }

    @Test
    void brandFindsGenericAndGenericFindsBrand() throws Exception {
        sample();
        SearchResults brand = search("lipitor");
        assertThat(brand.hits()).extracting(h -> h.ref().appointmentId()).containsExactlyInAnyOrder("a1", "a2");
        assertThat(brand.hits())
                .extracting(SearchHit::snippet)
                .anySatisfy(s -> assertThat(s).contains("<mark>atorvastatin</mark>"));
        SearchResults generic = search("atorvastatin");
        assertThat(generic.hits())
                .extracting(SearchHit::snippet)
                .anySatisfy(s -> assertThat(s).contains("<mark>Lipitor</mark>"));
    }

    @Test
    void wordsAreAndedPhrasesAreExactAndStemmingMatchesPlurals() throws Exception {
        sample();
        assertThat(search("knee atorvastatin").hits()).hasSize(1);
        assertThat(search("knee hypertension").hits()).isEmpty();
        assertThat(search("\"taking the lipitor\"").hits()).hasSize(1);
        assertThat(search("\"lipitor taking\"").hits()).isEmpty();
        assertThat(search("speaker:ortiz AND knee").hits()).hasSize(1);
    }

    @Test
    void snippetsEscapeTheTextAroundTheMarks() throws Exception {
        sample();
        SearchHit h = search("knees").hits().get(0);
        assertThat(h.snippet())
                .contains("<mark>knees</mark>")
                .contains("&lt;b&gt;")
                .doesNotContain("<b>");
    }

    @Test
    void theIndexStoresNoFieldValuesAndNoTermVectors() throws Exception {
        sample();
        try (DirectoryReader reader = index.openCommittedReader()) {
            assertThat(reader.numDocs()).isEqualTo(5);
            StoredFields stored = reader.storedFields();
            for (int i = 0; i < reader.maxDoc(); i++) {
                assertThat(stored.document(i).getFields())
                        .as("stored fields of doc " + i)
                        .isEmpty();
            }
            FieldInfos infos = FieldInfos.getMergedFieldInfos(reader);
            Set<String> names = new java.util.TreeSet<>();
            for (FieldInfo f : infos) {
                names.add(f.name);
                assertThat(f.hasVectors()).as(f.name).isFalse();
                assertThat(f.getIndexOptions())
                        .as(f.name)
                        .isNotEqualTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
            }
            assertThat(names)
                    .containsExactlyInAnyOrder(
                            "text", "speaker", "appointment", "transcript", "kind", "role", "seq", "version", "start");
        }
        // and no file of the index holds a passage's text verbatim
        try (var files = Files.list(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(content).as(f.toString()).doesNotContain("well controlled now");
            }
        }
    }

    @Test
    void replacingAnAppointmentDropsItsOldPassagesAndTheCheckpointSurvivesReopening() throws Exception {
        sample();
        put("a1", List.of(turn("a1", 0, "Dr. Ada Chen", "clinician", 0, "Only a cough this time.")), 0);
        index.commit(9);
        assertThat(search("hypertension").hits())
                .extracting(h -> h.ref().appointmentId())
                .containsExactly("a2");
        assertThat(search("cough").hits()).hasSize(1);
        index.close();
        index = TranscriptIndex.open(folder, ANALYZERS);
        assertThat(index.isNew()).isFalse();
        assertThat(index.checkpoint()).isEqualTo(9);
        assertThat(index.documentCount()).isEqualTo(3);
    }

    @Test
    void aHitWhosePassageIsGoneIsDropped() throws Exception {
        sample();
        texts.keySet().removeIf(r -> r.appointmentId().equals("a1"));
        assertThat(search("hypertension").hits())
                .extracting(h -> h.ref().appointmentId())
                .containsExactly("a2");
    }

    @Test
    void badSyntaxNamesTheProblemWithoutTheQueryWords() throws Exception {
        sample();
        assertThatThrownBy(() -> search("\"hypertension Ortiz"))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining("quotation mark")
                .hasMessageNotContaining("Ortiz");
        assertThatThrownBy(() -> search("(Ortiz AND knee"))
                .hasMessageContaining("parentheses")
                .hasMessageNotContaining("Ortiz");
        assertThatThrownBy(() -> search("Ortiz AND"))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessageNotContaining("Ortiz");
        assertThatThrownBy(() -> search("*rtiz"))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining("may not start")
                .hasMessageNotContaining("rtiz");
        assertThatThrownBy(() -> search("  ")).hasMessage("the query is empty");
    }
}
