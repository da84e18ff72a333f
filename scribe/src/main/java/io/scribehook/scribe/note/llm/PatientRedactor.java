package io.scribehook.scribe.note.llm;

import io.scribehook.scribe.roles.Role;
import io.scribehook.scribe.roles.RoleAssignment;
import io.scribehook.scribe.roles.SpeakerRole;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Removes the patient's identity from text sent to an LLM: every email address becomes {@value
 * #EMAIL}, and the display name of each speaker in role {@link Role#PATIENT}, whole or any of its
 * words of three letters or more, becomes {@value #PATIENT} (case-insensitive, whole words only;
 * adjacent ones merge into one).
 */
final class PatientRedactor implements UnaryOperator<String> {
    static final String PATIENT = "[PATIENT]";
    static final String EMAIL = "[EMAIL]";

    /** Written addresses, and spoken ones as speech recognition prints them ("jane at example dot com"). */
    private static final Pattern EMAILS = Pattern.compile(
            "[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}"
                    + "|(?<![\\p{L}\\p{N}])[\\p{L}\\p{N}._-]+ at [\\p{L}\\p{N}-]+(?: dot [\\p{L}\\p{N}-]+)* dot"
                    + " (?:com|org|net|edu|gov|io|co|us|uk|ca|de|fr|info|me)(?![\\p{L}\\p{N}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** Words of display names that are no one's name: pronouns, devices, generic labels. */
    private static final Set<String> NOT_NAMES = Set.of(
            "she", "her", "hers", "him", "his", "they", "them", "their", "the", "and", "for", "iphone", "ipad",
            "android", "phone", "galaxy", "pixel", "zoom", "user", "guest", "patient", "doctor", "nurse", "room");

    /** Adjacent placeholders, as left by a first and a last name replaced one by one. */
    private static final Pattern RUNS = Pattern.compile("\\[PATIENT](?:[\\s-]+\\[PATIENT])+");

    private final Pattern names;

    private PatientRedactor(Pattern names) {
        this.names = names;
    }

    /** A redactor for the patient speakers of {@code roles}. */
    static PatientRedactor forPatientsOf(RoleAssignment roles) {
        Set<String> words = new LinkedHashSet<>();
        for (SpeakerRole s : roles.speakers()) {
            if (s.role() != Role.PATIENT || s.speaker() == null || s.speaker().isBlank()) {
                continue;
            }
            words.add(s.speaker().strip());
            String bare = s.speaker().replaceAll("\\([^)]*\\)", " ");
            for (String token : bare.split("[^\\p{L}'’-]+")) {
                addWord(words, token);
                for (String part : token.split("-")) {
                    addWord(words, part);
                }
            }
        }
        if (words.isEmpty()) {
            return new PatientRedactor(null);
        }
        List<String> longestFirst = new ArrayList<>(words);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        String alternatives = longestFirst.stream()
                .map(w -> Pattern.quote(w).replace(" ", "\\E\\s+\\Q"))
                .collect(Collectors.joining("|"));
        return new PatientRedactor(Pattern.compile(
                "(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    private static void addWord(Set<String> words, String token) {
        String letters = token.replaceAll("[^\\p{L}]", "");
        if (letters.length() >= 3 && !NOT_NAMES.contains(letters.toLowerCase(Locale.ROOT))) {
            words.add(token);
        }
    }

    @Override
    public String apply(String text) {
        String out = EMAILS.matcher(text).replaceAll(EMAIL);
        if (names == null) {
            return out;
        }
        return RUNS.matcher(names.matcher(out).replaceAll(PATIENT)).replaceAll(PATIENT);
    }
}
