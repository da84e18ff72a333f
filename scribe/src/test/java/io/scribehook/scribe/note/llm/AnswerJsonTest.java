package io.scribehook.scribe.note.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnswerJsonTest {

    private static AnswerJson.Result.Parsed parsed(String raw) {
        AnswerJson.Result r = AnswerJson.parse(raw);
        assertThat(r).isInstanceOf(AnswerJson.Result.Parsed.class);
        return (AnswerJson.Result.Parsed) r;
    }

    private static String rejected(String raw) {
        AnswerJson.Result r = AnswerJson.parse(raw);
        assertThat(r).isInstanceOf(AnswerJson.Result.Rejected.class);
        return ((AnswerJson.Result.Rejected) r).reason();
    }

    @Test
    void plainJsonNeedsNoRepair() {
        AnswerJson.Result.Parsed p = parsed("{\"PLAN\": \"Rest {and} fluids.\"}");
        assertThat(p.repaired()).isFalse();
        assertThat(p.object().path("PLAN").asText()).isEqualTo("Rest {and} fluids.");
    }

    @Test
    void dropsClosedThinkBlocksAndFences() {
        String raw = "<think>draft: {\"PLAN\": \"wrong\"}</think>\n```json\n{\"PLAN\": \"right\"}\n```";
        assertThat(parsed(raw).object().path("PLAN").asText()).isEqualTo("right");
        assertThat(parsed("<THINKING>x</THINKING>{\"A\": \"b\"}")
                        .object()
                        .path("A")
                        .asText())
                .isEqualTo("b");
    }

    @Test
    void dropsReasoningBeforeAClosingTagThatWasNeverOpened() {
        String raw = "The user wants {\"PLAN\": \"wrong\"} so...\n</think>\n\n{\"PLAN\": \"right\"}";
        assertThat(parsed(raw).object().path("PLAN").asText()).isEqualTo("right");
    }

    @Test
    void anUnclosedLeadingThinkKeepsOnlyTheObjectThatEndsTheAnswer() {
        String raw = "<think>Let me see {\"PLAN\": \"draft\"} hmm, final:\n{\"PLAN\": \"final\", \"A\": {\"b\": 1}}";
        assertThat(parsed(raw).object().path("PLAN").asText()).isEqualTo("final");
        assertThat(rejected("<think>I am still thinking about {the plan"))
                .isEqualTo("nothing but reasoning or fences in the answer");
    }

    @Test
    void takesTheOutermostObjectOutOfProse() {
        String raw = "Here you go: {\"PLAN\": \"x\", \"SUB\": {\"k\": \"v\"}} Hope this helps! {\"other\": 1}";
        AnswerJson.Result.Parsed p = parsed(raw);
        assertThat(p.object().path("SUB").path("k").asText()).isEqualTo("v");
        assertThat(p.object().has("other")).isFalse();
    }

    @Test
    void repairsTrailingCommasRawLineBreaksAndSmartQuotes() {
        assertThat(parsed("{\"A\": \"x\", \"B\": [\"y\", \"z\",],}").repaired()).isTrue();
        assertThat(parsed("{\"A\": \"line one\nline two\"}").object().path("A").asText())
                .isEqualTo("line one\nline two");
        AnswerJson.Result.Parsed smart = parsed("{“PLAN”: “Follow up in “two” weeks.”}");
        assertThat(smart.object().path("PLAN").asText()).isEqualTo("Follow up in “two” weeks.");
        assertThat(parsed("{'PLAN': 'Rest.'}").object().path("PLAN").asText()).isEqualTo("Rest.");
    }

    @Test
    void rejectsWithAReasonThatDoesNotQuoteTheAnswer() {
        assertThat(rejected("The patient Jane has a headache.")).isEqualTo("no JSON object in the answer");
        assertThat(rejected("")).isEqualTo("nothing but reasoning or fences in the answer");
        String reason = rejected("{\"A\": \"Jane\" \"B\": }");
        assertThat(reason).isEqualTo("the JSON object cannot be read, even after repairs");
        assertThat(rejected("[\"a\", \"b\"]")).isEqualTo("no JSON object in the answer");
    }
}
