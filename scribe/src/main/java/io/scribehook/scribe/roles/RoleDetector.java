package io.scribehook.scribe.roles;

import io.scribehook.scribe.vtt.Turn;
import io.scribehook.scribe.vtt.VttParseResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides who is the clinician and who the patient in a transcript.
 *
 * <p>First by name: a speaker's display name matched against the appointment's provider and
 * patient names (case, accents, punctuation and titles such as {@code Dr.} or {@code MD} ignored;
 * the full name or the surname). Then by talk: a score from questions asked, clinician phrases
 * ({@code let's}, {@code i'm going to order}, {@code on exam}, {@code i want you to}), second
 * rather than first person, patient phrases and share of the talk; the top scorer is the
 * clinician. A name match the talk clearly contradicts (names swapped) gives way to the talk, with
 * basis {@link RoleBasis#NAME_CONTRADICTED} and a lower confidence. The patient is the matched
 * patient, else the other speaker who talks most; anyone else is {@link Role#OTHER}. Cues without
 * a speaker are left out.
 *
 * <p>Confidences: a name match the talk agrees with 0.9 to 0.98; one it does not clearly support
 * 0.85; talk alone 0.5 to 0.85 by the margin between the top two speakers; a contradicted name 0.7
 * of the talk's confidence.
 */
public final class RoleDetector {
    /** The talk margin above which talk overrides a name. */
    static final double CONTRADICTION_MARGIN = 0.6;

    private static final double MARGIN_SCALE = 0.5;

    /** Roles for every named speaker of {@code transcript}. */
    public RoleAssignment detect(VttParseResult.Parsed transcript, AppointmentPeople people) {
        AppointmentPeople who = people == null ? AppointmentPeople.UNKNOWN : people;
        Map<String, List<Turn>> bySpeaker = new LinkedHashMap<>();
        for (Turn t : transcript.turns()) {
            if (t.speaker() != null) {
                bySpeaker.computeIfAbsent(t.speaker(), k -> new ArrayList<>()).add(t);
            }
        }
        if (bySpeaker.isEmpty()) {
            return new RoleAssignment(List.of());
        }
        int totalWords = 0;
        for (List<Turn> turns : bySpeaker.values()) {
            for (Turn t : turns) {
                totalWords += t.text().isBlank() ? 0 : t.text().strip().split("\\s+").length;
            }
        }
        List<TalkProfile> profiles = new ArrayList<>();
        for (Map.Entry<String, List<Turn>> e : bySpeaker.entrySet()) {
            profiles.add(TalkProfile.of(e.getKey(), e.getValue(), totalWords, bySpeaker.size()));
        }
        List<TalkProfile> ranked = new ArrayList<>(profiles);
        ranked.sort(Comparator.comparingDouble(TalkProfile::score).reversed());
        TalkProfile talkClinician = ranked.get(0);
        double margin =
                ranked.size() > 1 ? talkClinician.score() - ranked.get(1).score() : talkClinician.score();
        double talkConfidence = 0.5 + 0.35 * Math.tanh(Math.max(0, margin) / MARGIN_SCALE);

        String nameClinician = bestMatch(bySpeaker.keySet(), who.clinicianName(), who.patientName());
        String namePatient = bestMatch(bySpeaker.keySet(), who.patientName(), who.clinicianName());
        String impliedClinician = nameClinician;
        if (impliedClinician == null && namePatient != null) {
            impliedClinician = ranked.stream()
                    .map(TalkProfile::speaker)
                    .filter(s -> !s.equals(namePatient))
                    .findFirst()
                    .orElse(null);
        }

        if (ranked.size() == 1) {
            String only = talkClinician.speaker();
            if (only.equals(nameClinician) || only.equals(namePatient)) {
                Role role = only.equals(nameClinician) ? Role.CLINICIAN : Role.PATIENT;
                return new RoleAssignment(List.of(new SpeakerRole(only, role, 0.9, RoleBasis.NAME_MATCH)));
            }
            Role role = talkClinician.score() > 0 ? Role.CLINICIAN : Role.PATIENT;
            return new RoleAssignment(List.of(new SpeakerRole(only, role, 0.5, RoleBasis.HEURISTIC)));
        }

        String clinician;
        String patient;
        RoleBasis namedBasis;
        double namedConfidence;
        if (impliedClinician == null) {
            clinician = talkClinician.speaker();
            patient = mostWords(profiles, clinician);
            namedBasis = RoleBasis.HEURISTIC;
            namedConfidence = talkConfidence;
        } else if (!talkClinician.speaker().equals(impliedClinician) && margin > CONTRADICTION_MARGIN) {
            clinician = talkClinician.speaker();
            patient = nameClinician != null && !nameClinician.equals(clinician)
                    ? nameClinician
                    : namePatient != null && !namePatient.equals(clinician)
                            ? namePatient
                            : mostWords(profiles, clinician);
            namedBasis = RoleBasis.NAME_CONTRADICTED;
            namedConfidence = 0.7 * talkConfidence;
        } else {
            clinician = impliedClinician;
            patient = namePatient != null && !namePatient.equals(clinician)
                    ? namePatient
                    : mostWords(profiles, clinician);
            namedBasis = RoleBasis.NAME_MATCH;
            namedConfidence = talkClinician.speaker().equals(impliedClinician)
                    ? 0.9 + 0.08 * Math.tanh(Math.max(0, margin) / MARGIN_SCALE)
                    : 0.85;
        }

        List<SpeakerRole> out = new ArrayList<>();
        for (TalkProfile p : profiles) {
            String s = p.speaker();
            boolean named = s.equals(nameClinician) || s.equals(namePatient);
            Role role = s.equals(clinician) ? Role.CLINICIAN : s.equals(patient) ? Role.PATIENT : Role.OTHER;
            if (named || (namedBasis == RoleBasis.HEURISTIC && role != Role.OTHER)) {
                out.add(new SpeakerRole(s, role, namedConfidence, namedBasis));
            } else if (role == Role.OTHER) {
                out.add(new SpeakerRole(s, role, 0.6, RoleBasis.HEURISTIC));
            } else {
                out.add(new SpeakerRole(s, role, Math.min(namedConfidence, talkConfidence), RoleBasis.HEURISTIC));
            }
        }
        return new RoleAssignment(out);
    }

    private static String mostWords(List<TalkProfile> profiles, String except) {
        TalkProfile best = null;
        for (TalkProfile p : profiles) {
            if (!p.speaker().equals(except) && (best == null || p.words() > best.words())) {
                best = p;
            }
        }
        return best == null ? null : best.speaker();
    }

    /** The one speaker whose display name matches {@code name} best (and better than {@code other}), or null. */
    private static String bestMatch(Iterable<String> speakers, String name, String other) {
        PersonName target = PersonName.of(name);
        PersonName rival = PersonName.of(other);
        if (target.isEmpty()) {
            return null;
        }
        String best = null;
        PersonName.Match bestMatch = PersonName.Match.NONE;
        boolean tie = false;
        for (String s : speakers) {
            PersonName display = PersonName.of(s);
            PersonName.Match m = display.match(target);
            if (m == PersonName.Match.NONE || display.match(rival).compareTo(m) >= 0) {
                continue;
            }
            if (m.compareTo(bestMatch) > 0) {
                best = s;
                bestMatch = m;
                tie = false;
            } else if (m == bestMatch) {
                tie = true;
            }
        }
        return tie ? null : best;
    }
}
