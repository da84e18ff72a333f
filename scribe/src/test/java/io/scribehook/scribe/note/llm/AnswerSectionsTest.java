package io.scribehook.scribe.note.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scribehook.scribe.note.NoteTemplate;
import io.scribehook.scribe.note.NoteTemplates;
import org.junit.jupiter.api.Test;

class AnswerSectionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final NoteTemplate hp = NoteTemplates.builtIn("hp");

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }

    @Test
    void matchesTitlesIgnoringCasePunctuationAndAmpersands() throws Exception {
        var texts = AnswerSections.texts(
                json("{\"chief complaint:\": \"Headache.\", \"History Of Present Illness\": \"Three days.\","
                        + " \"Assessment & Plan\": [\"Tension headache.\", \"Return in two weeks.\"],"
                        + " \"SOCIAL HISTORY\": \"ignored\"}"),
                hp);

        assertThat(hp.sections().get(0).title()).isEqualTo("CHIEF COMPLAINT");
        assertThat(texts).hasSize(hp.sections().size());
        assertThat(texts.get(0)).isEqualTo("Headache.");
        assertThat(texts.get(1)).isEqualTo("Three days.");
        assertThat(texts.get(texts.size() - 1)).isEqualTo("Tension headache.\nReturn in two weeks.");
        assertThat(texts.subList(2, texts.size() - 1)).allMatch(String::isEmpty);
        assertThat(String.join(" ", texts)).doesNotContain("ignored");
    }

    @Test
    void acceptsAWrappingObjectOrAListOfSections() throws Exception {
        assertThat(AnswerSections.texts(json("{\"note\": {\"CHIEF COMPLAINT\": \"Cough.\"}}"), hp)
                        .get(0))
                .isEqualTo("Cough.");
        assertThat(AnswerSections.texts(
                                json("{\"sections\": [{\"title\": \"Chief Complaint\", \"text\": \"Fever.\"}]}"), hp)
                        .get(0))
                .isEqualTo("Fever.");
        assertThat(AnswerSections.texts(json("{\"CHIEF COMPLAINT\": null}"), hp).get(0))
                .isEmpty();
    }
}
