package io.scribehook.scribe.note.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scribehook.scribe.note.DraftNote;
import io.scribehook.scribe.note.NoteSection;
import io.scribehook.scribe.note.NoteSentence;
import io.scribehook.scribe.note.NoteTemplate;
import io.scribehook.scribe.note.NoteWriter;
import io.scribehook.scribe.note.TranscriptAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drafts the note with a language model behind any OpenAI-compatible chat completions endpoint
 * ({@code POST {base}/chat/completions}), and falls back to another writer when it cannot.
 *
 * <p>The model gets the template's sections and the transcript as turns labelled by role
 * (Clinician, Patient, Other) and start time, never by speaker name; with {@link
 * LlmSettings#redactPatient()} the patient's name and email addresses in what was said are replaced
 * too. It is asked, at temperature 0, for one JSON object with a text per section title. Reasoning
 * blocks and code fences are dropped and small JSON faults repaired; each sentence of the answer
 * gets the cue times of the turns it shares most words with, so the draft stays traceable.
 *
 * <p>Timeouts, network errors, 429 and 5xx are retried ({@link LlmSettings#retries()}); when no
 * usable answer comes, the fallback writer drafts and its note carries a {@link FallbackReasons}
 * code. One log line per fallback names the code, the template and the attempts: never transcript
 * or note text, names or the key.
 */
public final class LlmNoteWriter implements NoteWriter, AutoCloseable {

    /** The {@link DraftNote#writer()} of a note this writer drafted itself. */
    public static final String NAME = "llm";

    private static final Logger log = LoggerFactory.getLogger(LlmNoteWriter.class);

    private final LlmSettings settings;
    private final NoteWriter fallback;
    private final ChatCompletionsClient client;

    /**
     * @param settings the endpoint and how to talk to it
     * @param fallback drafts when the model cannot, typically the offline writer; must not throw
     */
    public LlmNoteWriter(LlmSettings settings, NoteWriter fallback) {
        this(settings, fallback, Sleeper.REAL);
    }

    LlmNoteWriter(LlmSettings settings, NoteWriter fallback, Sleeper sleeper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.client = new ChatCompletionsClient(settings, sleeper, new ObjectMapper());
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Drafts with the model, or with the fallback writer and a reason code; never throws. */
    @Override
    public DraftNote write(TranscriptAnalysis analysis, NoteTemplate template) {
        long started = System.nanoTime();
        Drafted drafted;
        try {
            drafted = draft(analysis, template);
        } catch (RuntimeException e) {
            drafted = new Drafted.Failed(
                    FallbackReasons.ERROR, "unexpected " + e.getClass().getSimpleName(), 0);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return switch (drafted) {
            case Drafted.Note ok -> {
                log.info(
                        "llm note drafted: template {}, model {}, attempts {}, {} ms{}",
                        template.id(),
                        settings.model(),
                        ok.attempts(),
                        millis,
                        ok.repaired() ? ", JSON repaired" : "");
                yield ok.note();
            }
            case Drafted.Failed failed -> fallBack(analysis, template, failed, millis);
        };
    }

    private Drafted draft(TranscriptAnalysis analysis, NoteTemplate template) {
        UnaryOperator<String> redact =
                settings.redactPatient() ? PatientRedactor.forPatientsOf(analysis.roles()) : UnaryOperator.identity();
        ChatResult result = client.complete(NotePrompt.messages(analysis, template, redact));
        return switch (result) {
            case ChatResult.Failure f -> new Drafted.Failed(f.reasonCode(), f.detail(), f.attempts());
            case ChatResult.Answer a -> fromAnswer(a, analysis, template);
        };
    }

    private static Drafted fromAnswer(ChatResult.Answer answer, TranscriptAnalysis analysis, NoteTemplate template) {
        return switch (AnswerJson.parse(answer.content())) {
            case AnswerJson.Result.Rejected r ->
                new Drafted.Failed(FallbackReasons.MALFORMED_JSON, r.reason(), answer.attempts());
            case AnswerJson.Result.Parsed p -> {
                List<String> texts = AnswerSections.texts(p.object(), template);
                if (texts.stream().allMatch(String::isBlank)) {
                    yield new Drafted.Failed(
                            FallbackReasons.EMPTY, "no text for any section of the template", answer.attempts());
                }
                TurnAttribution attribution =
                        new TurnAttribution(analysis.transcript().turns());
                List<NoteSection> sections = new ArrayList<>();
                for (int i = 0; i < texts.size(); i++) {
                    List<NoteSentence> sentences = SentenceSplitter.split(texts.get(i)).stream()
                            .map(s -> new NoteSentence(s, attribution.cuesOf(s)))
                            .toList();
                    sections.add(new NoteSection(template.sections().get(i).title(), sentences));
                }
                yield new Drafted.Note(
                        new DraftNote(template.id(), NAME, sections, null), answer.attempts(), p.repaired());
            }
        };
    }

    private DraftNote fallBack(TranscriptAnalysis analysis, NoteTemplate template, Drafted.Failed failed, long millis) {
        log.warn(
                "llm note writer fell back to {}: {} ({}), template {}, model {}, attempts {}, {} ms",
                fallback.name(),
                failed.reasonCode(),
                failed.detail(),
                template.id(),
                settings.model(),
                failed.attempts(),
                millis);
        DraftNote note = fallback.write(analysis, template);
        return new DraftNote(note.templateId(), note.writer(), note.sections(), failed.reasonCode());
    }

    /** Closes the HTTP client. */
    @Override
    public void close() {
        client.close();
    }

    /** What the model's part came to. */
    private sealed interface Drafted {
        record Note(DraftNote note, int attempts, boolean repaired) implements Drafted {}

        record Failed(String reasonCode, String detail, int attempts) implements Drafted {}
    }
}
