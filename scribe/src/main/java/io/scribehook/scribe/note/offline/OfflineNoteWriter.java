package io.scribehook.scribe.note.offline;

import io.scribehook.scribe.clinical.FollowUp;
import io.scribehook.scribe.clinical.Medication;
import io.scribehook.scribe.clinical.Vital;
import io.scribehook.scribe.note.DraftNote;
import io.scribehook.scribe.note.NoteSection;
import io.scribehook.scribe.note.NoteSentence;
import io.scribehook.scribe.note.NoteSlot;
import io.scribehook.scribe.note.NoteTemplate;
import io.scribehook.scribe.note.NoteWriter;
import io.scribehook.scribe.note.TemplateSection;
import io.scribehook.scribe.note.TranscriptAnalysis;
import io.scribehook.scribe.roles.Role;
import io.scribehook.scribe.roles.SpeakerRole;
import io.scribehook.scribe.rouge.RougeTokenizer;
import io.scribehook.scribe.vtt.CueTimes;
import io.scribehook.scribe.vtt.SpeakerNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline note writer: deterministic, no network. It keeps the sentences of the visit a note
 * would keep, in the note's voice, under the template's headings:
 *
 * <ol>
 *   <li>Every turn is split into sentences; fillers and repeated words are removed.
 *   <li>Each sentence of at least {@value #MIN_WORDS} words is scored by how often its words are
 *       written in visit notes ({@link NoteLikeness}); the best are kept, up to {@value
 *       #BUDGET_PERCENT}% of the transcript's words (at most {@value #MAX_WORDS}), in the order said.
 *   <li>The patient's sentences become third-person history ("I have" to "she has"); the
 *       clinician's go to results, examination, assessment or plan by their words ({@link
 *       SlotRules}), "you" becoming the patient.
 *   <li>The analysis adds the chief complaint, an opening line (name, age, sex when said),
 *       medications, vitals and the follow-up interval.
 * </ol>
 *
 * <p>Every sentence carries the cue times it came from. Never throws for a parsed transcript.
 */
public final class OfflineNoteWriter implements NoteWriter {
    static final int MIN_WORDS = 5;
    static final int BUDGET_PERCENT = 35;
    static final int MAX_WORDS = 1500;
    static final int MIN_BUDGET = 150;
    private static final Pattern AGE = Pattern.compile("(?<![0-9])(\\d{1,3}) ?-? ?years? ?-? ?old(?![a-z])");
    private static final Pattern COMPLAINT = Pattern.compile(
            "(?:presents?|presenting|here|coming in|came in|in|seen) (?:today |back )?(?:for|with) (?:a |an |the |his |her |some |your |my )?"
                    + "([a-z][a-z' -]{2,60}?)(?=\\s*(?:[.,?!]| and | who | that | because | since |$))");

    private static final Pattern COMMAND =
            Pattern.compile("(?i)\\s*(?:hey dragon|dragon|dax|show me|end recording)\\b");

    private final NoteLikeness likeness;

    OfflineNoteWriter(NoteLikeness likeness) {
        this.likeness = likeness;
    }

    /** The writer with the shipped word table. */
    public static OfflineNoteWriter create() {
        return new OfflineNoteWriter(NoteLikeness.shipped());
    }

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public DraftNote write(TranscriptAnalysis analysis, NoteTemplate template) {
        List<SpokenSentence> spoken =
                SentenceSplitter.split(analysis.transcript().turns(), analysis.roles());
        PatientPronouns pronouns = PatientPronouns.detect(spoken);
        Map<NoteSlot, List<NoteSentence>> slots = new EnumMap<>(NoteSlot.class);
        for (NoteSlot slot : NoteSlot.values()) {
            slots.put(slot, new ArrayList<>());
        }
        Optional<NoteSentence> complaint = chiefComplaint(spoken);
        complaint.ifPresent(s -> slots.get(NoteSlot.CHIEF_COMPLAINT).add(s));
        opener(spoken, analysis, pronouns, complaint)
                .ifPresent(s -> slots.get(NoteSlot.HISTORY_OF_PRESENT_ILLNESS).add(s));
        for (Kept kept : select(spoken)) {
            SpokenSentence s = kept.sentence();
            double position = spoken.size() <= 1 ? 0 : (double) s.index() / (spoken.size() - 1);
            NoteSlot slot = SlotRules.slotOf(s, position);
            String cleaned = kept.cleaned();
            String voiced = switch (s.role()) {
                case PATIENT -> ThirdPerson.patient(cleaned, pronouns);
                case CLINICIAN -> ThirdPerson.clinician(cleaned, pronouns);
                case OTHER -> cleaned;
            };
            slots.get(slot).add(new NoteSentence(sentence(voiced), List.of(s.cues())));
        }
        slots.get(NoteSlot.REVIEW_OF_SYSTEMS).addAll(ReviewOfSystems.from(spoken));
        medications(analysis).ifPresent(s -> slots.get(NoteSlot.MEDICATIONS).add(s));
        for (Vital v : analysis.findings().vitals()) {
            slots.get(NoteSlot.VITALS).add(vital(v));
        }
        analysis.findings()
                .followUp()
                .ifPresent(f -> slots.get(NoteSlot.FOLLOW_UP).add(followUp(f)));
        List<NoteSection> sections = new ArrayList<>();
        for (TemplateSection ts : template.sections()) {
            List<NoteSentence> sentences = new ArrayList<>();
            for (NoteSlot slot : ts.slots()) {
                sentences.addAll(slots.get(slot));
            }
            sections.add(new NoteSection(ts.title(), sentences));
        }
        return new DraftNote(template.id(), name(), sections, null);
    }

    private record Kept(SpokenSentence sentence, String cleaned) {}

    private List<Kept> select(List<SpokenSentence> spoken) {
        record Scored(Kept kept, double score, int words) {}
        List<Scored> candidates = new ArrayList<>();
        int total = 0;
        for (SpokenSentence s : spoken) {
            int words = RougeTokenizer.count(s.text());
            total += words;
            if (words < MIN_WORDS
                    || s.text().endsWith("?")
                    || COMMAND.matcher(s.text()).lookingAt()) {
                continue;
            }
            String cleaned = Disfluencies.clean(s.text());
            List<String> kept = RougeTokenizer.tokens(cleaned);
            if (kept.size() >= MIN_WORDS) {
                candidates.add(new Scored(new Kept(s, cleaned), likeness.score(kept), words));
            }
        }
        int budget = Math.min(MAX_WORDS, Math.max(total * BUDGET_PERCENT / 100, Math.min(total, MIN_BUDGET)));
        candidates.sort(Comparator.comparingDouble(Scored::score)
                .reversed()
                .thenComparing(c -> c.kept().sentence().index()));
        List<Kept> chosen = new ArrayList<>();
        int used = 0;
        for (Scored c : candidates) {
            if (used > budget) {
                break;
            }
            chosen.add(c.kept());
            used += c.words();
        }
        chosen.sort(Comparator.comparingInt(k -> k.sentence().index()));
        return chosen;
    }

    private static Optional<NoteSentence> chiefComplaint(List<SpokenSentence> spoken) {
        for (SpokenSentence s : spoken) {
            if (s.role() == Role.CLINICIAN) {
                Matcher m = COMPLAINT.matcher(Disfluencies.clean(s.text()).toLowerCase(Locale.ROOT));
                if (m.find()) {
                    return Optional.of(new NoteSentence(sentence(m.group(1).strip()), List.of(s.cues())));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<NoteSentence> opener(
            List<SpokenSentence> spoken,
            TranscriptAnalysis analysis,
            PatientPronouns pronouns,
            Optional<NoteSentence> complaint) {
        String name = analysis.roles()
                .patient()
                .map(SpeakerRole::speaker)
                .filter(n -> n != null && SpeakerNames.looksLikeName(n) && !n.equalsIgnoreCase("patient"))
                .orElse("The patient");
        List<CueTimes> cues = new ArrayList<>();
        StringBuilder text = new StringBuilder(name);
        for (SpokenSentence s : spoken) {
            if (!containsIgnoreCase(s.text(), "year")) {
                continue;
            }
            Matcher m = AGE.matcher(s.text().toLowerCase(Locale.ROOT));
            if (m.find()) {
                String sex = pronouns == PatientPronouns.FEMALE
                        ? " female"
                        : pronouns == PatientPronouns.MALE ? " male" : " patient";
                text.append(" is a ").append(m.group(1)).append("-year-old").append(sex);
                cues.add(s.cues());
                break;
            }
        }
        if (complaint.isPresent()) {
            String cc = complaint.get().text();
            text.append(cues.isEmpty() ? " presents for " : " who presents for ")
                    .append(Character.toLowerCase(cc.charAt(0)))
                    .append(cc.substring(1));
            cues.addAll(complaint.get().cues());
        } else {
            text.append('.');
        }
        return cues.isEmpty() ? Optional.empty() : Optional.of(new NoteSentence(text.toString(), cues));
    }

    private static Optional<NoteSentence> medications(TranscriptAnalysis analysis) {
        List<String> taken = new ArrayList<>();
        List<CueTimes> cues = new ArrayList<>();
        for (Medication m : analysis.findings().medications()) {
            if (m.negated()) {
                continue;
            }
            StringBuilder b = new StringBuilder(m.name());
            for (String part : new String[] {m.dose(), m.route(), m.frequency()}) {
                if (part != null && !part.isBlank()) {
                    b.append(' ').append(part);
                }
            }
            taken.add(b.toString());
            cues.add(m.source());
        }
        return taken.isEmpty()
                ? Optional.empty()
                : Optional.of(new NoteSentence("Medications: " + String.join("; ", taken) + ".", cues));
    }

    private static NoteSentence vital(Vital v) {
        String kind = v.kind().replace('_', ' ');
        String text = Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + ": " + v.value()
                + (v.unit() == null ? "" : " " + v.unit()) + ".";
        return new NoteSentence(text, List.of(v.source()));
    }

    private static NoteSentence followUp(FollowUp f) {
        return new NoteSentence("Follow up in " + f.interval() + ".", List.of(f.source()));
    }

    private static boolean containsIgnoreCase(String text, String word) {
        for (int i = 0; i + word.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    static String sentence(String text) {
        String s = text.strip().replaceAll("(?<![A-Za-z'])i(?![A-Za-z])", "I");
        if (s.isEmpty()) {
            return s;
        }
        s = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        char last = s.charAt(s.length() - 1);
        return last == '.' || last == '?' || last == '!' ? s : s + ".";
    }
}
