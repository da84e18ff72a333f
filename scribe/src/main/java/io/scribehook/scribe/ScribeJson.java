package io.scribehook.scribe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scribehook.scribe.analysis.SpeakerStats;
import io.scribehook.scribe.analysis.TranscriptStats;
import io.scribehook.scribe.clinical.ClinicalFindings;
import io.scribehook.scribe.clinical.KeyTerm;
import io.scribehook.scribe.clinical.Medication;
import io.scribehook.scribe.clinical.Vital;
import io.scribehook.scribe.note.DraftNote;
import io.scribehook.scribe.note.NoteSection;
import io.scribehook.scribe.note.NoteSentence;
import io.scribehook.scribe.roles.SpeakerRole;
import io.scribehook.scribe.vtt.CueTimes;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A drafted note and its analysis as JSON, the shape {@code scribehook scribe draft --json} prints
 * and the service stores:
 *
 * <pre>{@code
 * {"template": "hp", "writer": "offline", "draft": true, "fallback_reason": null,
 *  "sections": [{"title": ..., "text": ..., "cues": [{"start": 12.5, "end": 16.0}, ...],
 *                "sentences": [{"text": ..., "cues": [...]}]}],
 *  "analysis": {"duration_seconds": ..., "speakers": [...], "silences": {...},
 *               "medications": [{"name", "generic", "dose", "route", "frequency", "negated", "start"}],
 *               "vitals": [{"kind", "value", "unit", "start"}], "follow_up": {...} or null,
 *               "key_terms": [{"term", "count"}]}}
 * }</pre>
 *
 * Times are seconds from the start of the recording.
 */
public final class ScribeJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScribeJson() {}

    /** The JSON tree of a drafted result. */
    public static ObjectNode of(ScribeResult.Drafted drafted) {
        ObjectNode root = JSON.createObjectNode();
        DraftNote note = drafted.note();
        root.put("template", note.templateId());
        root.put("writer", note.writer());
        root.put("draft", true);
        root.put("fallback_reason", note.fallbackReason());
        ArrayNode sections = root.putArray("sections");
        for (NoteSection s : note.sections()) {
            ObjectNode section = sections.addObject();
            section.put("title", s.title());
            section.put("text", s.text());
            ArrayNode cues = section.putArray("cues");
            ArrayNode sentences = section.putArray("sentences");
            for (NoteSentence sentence : s.sentences()) {
                ObjectNode one = sentences.addObject();
                one.put("text", sentence.text());
                ArrayNode own = one.putArray("cues");
                for (CueTimes t : sentence.cues()) {
                    times(own.addObject(), t);
                    times(cues.addObject(), t);
                }
            }
        }
        analysis(root.putObject("analysis"), drafted);
        return root;
    }

    /** The JSON text, indented. */
    public static String pretty(ScribeResult.Drafted drafted) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(of(drafted));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void analysis(ObjectNode a, ScribeResult.Drafted drafted) {
        TranscriptStats stats = drafted.analysis().stats();
        a.put("duration_seconds", seconds(stats.meetingDuration()));
        a.put("talk_time_seconds", seconds(stats.totalTalkTime()));
        ArrayNode speakers = a.putArray("speakers");
        for (SpeakerStats s : stats.speakers()) {
            ObjectNode sp = speakers.addObject();
            sp.put("name", s.speaker());
            SpeakerRole role = drafted.analysis().roles().speakers().stream()
                    .filter(r -> Objects.equals(r.speaker(), s.speaker()))
                    .findFirst()
                    .orElse(null);
            sp.put("role", role == null ? "other" : role.role().name().toLowerCase(Locale.ROOT));
            sp.put("role_confidence", role == null ? 0.0 : round(role.confidence()));
            sp.put("role_basis", role == null ? null : role.basis().name().toLowerCase(Locale.ROOT));
            sp.put("talk_time_seconds", seconds(s.talkTime()));
            sp.put("share", round(s.share()));
            sp.put("turns", s.turns());
            sp.put("words", s.words());
            if (s.longestMonologue() != null) {
                sp.put("longest_monologue_seconds", seconds(s.longestMonologue().duration()));
            }
        }
        ObjectNode silences = a.putObject("silences");
        silences.put("count", stats.silences().size());
        silences.put("total_seconds", seconds(stats.totalSilence()));
        ClinicalFindings f = drafted.analysis().findings();
        ArrayNode meds = a.putArray("medications");
        for (Medication m : f.medications()) {
            ObjectNode o = meds.addObject();
            o.put("name", m.name());
            o.put("generic", m.generic());
            o.put("dose", m.dose());
            o.put("route", m.route());
            o.put("frequency", m.frequency());
            o.put("negated", m.negated());
            o.put("start", seconds(m.source().start()));
        }
        ArrayNode vitals = a.putArray("vitals");
        for (Vital v : f.vitals()) {
            ObjectNode o = vitals.addObject();
            o.put("kind", v.kind());
            o.put("value", v.value());
            o.put("unit", v.unit());
            o.put("start", seconds(v.source().start()));
        }
        if (f.followUp().isPresent()) {
            ObjectNode o = a.putObject("follow_up");
            o.put("interval", f.followUp().get().interval());
            o.put("days", f.followUp().get().days());
            o.put("start", seconds(f.followUp().get().source().start()));
        } else {
            a.putNull("follow_up");
        }
        ArrayNode terms = a.putArray("key_terms");
        for (KeyTerm k : f.keyTerms()) {
            terms.addObject().put("term", k.term()).put("count", k.count());
        }
    }

    private static void times(ObjectNode o, CueTimes t) {
        o.put("start", seconds(t.start()));
        o.put("end", seconds(t.end()));
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
