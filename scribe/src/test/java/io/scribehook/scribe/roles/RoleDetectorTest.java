package io.scribehook.scribe.roles;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.scribe.vtt.VttParseResult;
import io.scribehook.scribe.vtt.WebVttParser;
import org.junit.jupiter.api.Test;

class RoleDetectorTest {
    private static final String[][] VISIT = {
        {"A", "Hi, good to see you. What brings you in today?"},
        {"B", "Hi doctor. I've been having this pain in my lower back for about two weeks. It hurts when I bend."},
        {"A", "Okay. Did you injure it? Does the pain go down your leg?"},
        {"B", "No, I don't think so. I was lifting boxes when we moved. I feel stiff in the morning."},
        {"A", "Any numbness or tingling? Have you taken anything for it?"},
        {"B", "Yeah, I take ibuprofen, it helps a little. My wife says I should rest more."},
        {"A", "Alright, let me take a look. On exam there is tenderness over the lumbar spine."},
        {"A", "I'm going to order an x-ray and I want you to start physical therapy. Let's follow up in two weeks."},
        {"B", "Okay, thank you."},
    };

    private static VttParseResult.Parsed visit(String clinicianLabel, String patientLabel, String... extra) {
        StringBuilder vtt = new StringBuilder("WEBVTT\n");
        int second = 0;
        for (String[] line : VISIT) {
            vtt.append(cue(second, line[0].equals("A") ? clinicianLabel : patientLabel, line[1]));
            second += 5;
        }
        for (String e : extra) {
            vtt.append(cue(second, "Maria Lopez", e));
            second += 5;
        }
        return (VttParseResult.Parsed) WebVttParser.strict().parse(vtt.toString());
    }

    private static String cue(int second, String speaker, String text) {
        return String.format(
                "%n00:00:%02d.000 --> 00:00:%02d.500%n%s: %s%n", second % 60, second % 60 + 4, speaker, text);
    }

    private final RoleDetector detector = new RoleDetector();

    @Test
    void aNameMatchAgreeingWithTheTalkIsTheMostConfident() {
        RoleAssignment roles = detector.detect(
                visit("Dr. Sarah O'Neil MD", "james carter"), new AppointmentPeople("Sarah ONeil", "James Carter"));

        SpeakerRole clinician = roles.clinician().orElseThrow();
        assertThat(clinician.speaker()).isEqualTo("Dr. Sarah O'Neil MD");
        assertThat(clinician.basis()).isEqualTo(RoleBasis.NAME_MATCH);
        assertThat(roles.patient().orElseThrow().speaker()).isEqualTo("james carter");
        assertThat(roles.patient().orElseThrow().basis()).isEqualTo(RoleBasis.NAME_MATCH);
        assertThat(clinician.confidence()).isGreaterThan(0.9).isLessThanOrEqualTo(1.0);
    }

    @Test
    void aSurnameWithATitleMatches() {
        RoleAssignment roles =
                detector.detect(visit("Dr. Oneil", "Jim"), new AppointmentPeople("Sarah O'Neil", "James Carter"));

        assertThat(roles.clinician().orElseThrow().speaker()).isEqualTo("Dr. Oneil");
        assertThat(roles.clinician().orElseThrow().basis()).isEqualTo(RoleBasis.NAME_MATCH);
        assertThat(roles.roleOf("Jim")).isEqualTo(Role.PATIENT);
    }

    @Test
    void withoutANameMatchTheTalkDecides() {
        RoleAssignment roles = detector.detect(
                visit("Exam Room", "Home Office"), new AppointmentPeople("Sarah O'Neil", "James Carter"));

        assertThat(roles.clinician().orElseThrow().speaker()).isEqualTo("Exam Room");
        assertThat(roles.clinician().orElseThrow().basis()).isEqualTo(RoleBasis.HEURISTIC);
        assertThat(roles.roleOf("Home Office")).isEqualTo(Role.PATIENT);
    }

    @Test
    void swappedNamesFollowTheTalkWithLessConfidence() {
        // The display name says provider, but that speaker describes symptoms and answers questions.
        RoleAssignment swapped = detector.detect(
                visit("James Carter", "Dr. Sarah O'Neil"), new AppointmentPeople("Sarah O'Neil", "James Carter"));
        RoleAssignment matched = detector.detect(
                visit("Dr. Sarah O'Neil", "James Carter"), new AppointmentPeople("Sarah O'Neil", "James Carter"));
        RoleAssignment unmatched = detector.detect(visit("Blue Room", "Green Room"), AppointmentPeople.UNKNOWN);

        SpeakerRole clinician = swapped.clinician().orElseThrow();
        assertThat(clinician.speaker()).isEqualTo("James Carter");
        assertThat(clinician.basis()).isEqualTo(RoleBasis.NAME_CONTRADICTED);
        assertThat(swapped.roleOf("Dr. Sarah O'Neil")).isEqualTo(Role.PATIENT);

        double name = matched.clinician().orElseThrow().confidence();
        double talk = unmatched.clinician().orElseThrow().confidence();
        double contradicted = clinician.confidence();
        assertThat(name).isGreaterThan(talk);
        assertThat(talk).isGreaterThan(contradicted);
        assertThat(contradicted).isPositive();
        System.out.printf(
                "confidences: name match %.3f, talk only %.3f, contradicted %.3f%n", name, talk, contradicted);
    }

    @Test
    void swappedNamesWithAGuestWhoTalksALot() {
        RoleAssignment roles = detector.detect(
                visit(
                        "James Carter",
                        "Dr. Sarah O'Neil",
                        "He has been grumpy all week, honestly, and he barely sleeps, and I think the back pain is worse"
                                + " than he says, he was up three nights in a row last week walking around the house,"
                                + " and he keeps telling everyone at work that he is fine when he clearly is not fine,"
                                + " so I made him come today because otherwise he would have waited another month."),
                new AppointmentPeople("Sarah O'Neil", "James Carter"));

        assertThat(roles.roleOf("James Carter")).isEqualTo(Role.CLINICIAN);
        assertThat(roles.roleOf("Dr. Sarah O'Neil")).isEqualTo(Role.PATIENT);
        assertThat(roles.roleOf("Maria Lopez")).isEqualTo(Role.OTHER);
    }

    @Test
    void aThirdSpeakerIsOther() {
        RoleAssignment roles = detector.detect(
                visit("Dr. Sarah O'Neil", "James Carter", "He has been grumpy all week, honestly."),
                new AppointmentPeople("Sarah O'Neil", "James Carter"));

        assertThat(roles.speakers())
                .extracting(SpeakerRole::speaker)
                .containsExactly("Dr. Sarah O'Neil", "James Carter", "Maria Lopez");
        assertThat(roles.roleOf("Maria Lopez")).isEqualTo(Role.OTHER);
    }

    @Test
    void withOnlyThePatientNamedTheClinicianIsTheOtherSpeakerWhoTalksLikeOne() {
        RoleAssignment roles = detector.detect(
                visit("Blue Room", "James Carter", "He has been grumpy all week, honestly."),
                new AppointmentPeople(null, "James Carter"));

        assertThat(roles.patient().orElseThrow().speaker()).isEqualTo("James Carter");
        assertThat(roles.patient().orElseThrow().basis()).isEqualTo(RoleBasis.NAME_MATCH);
        assertThat(roles.clinician().orElseThrow().speaker()).isEqualTo("Blue Room");
        assertThat(roles.clinician().orElseThrow().basis()).isEqualTo(RoleBasis.HEURISTIC);
        assertThat(roles.roleOf("Maria Lopez")).isEqualTo(Role.OTHER);
    }

    @Test
    void aThirdSpeakerIsOtherWithoutNamesToo() {
        RoleAssignment roles = detector.detect(
                visit("Blue Room", "Green Room", "Yes he did, I was there."), AppointmentPeople.UNKNOWN);

        assertThat(roles.roleOf("Blue Room")).isEqualTo(Role.CLINICIAN);
        assertThat(roles.roleOf("Green Room")).isEqualTo(Role.PATIENT);
        assertThat(roles.roleOf("Maria Lopez")).isEqualTo(Role.OTHER);
    }

    @Test
    void aSingleSpeakerTakesTheRoleOfTheNameItMatches() {
        VttParseResult.Parsed p = (VttParseResult.Parsed) WebVttParser.strict()
                .parse("WEBVTT\n\n00:01.000 --> 00:02.000\nJames Carter: Let's review your labs, any questions?\n");

        assertThat(detector.detect(p, new AppointmentPeople("Sarah O'Neil", "James Carter"))
                        .speakers())
                .containsExactly(new SpeakerRole("James Carter", Role.PATIENT, 0.9, RoleBasis.NAME_MATCH));
        assertThat(detector.detect(p, AppointmentPeople.UNKNOWN).roleOf("James Carter"))
                .isEqualTo(Role.CLINICIAN);
    }

    @Test
    void cuesWithoutSpeakersGiveNoRoles() {
        VttParseResult.Parsed p =
                (VttParseResult.Parsed) WebVttParser.strict().parse("WEBVTT\n\n00:01.000 --> 00:02.000\nhello there\n");

        assertThat(detector.detect(p, AppointmentPeople.UNKNOWN).speakers()).isEmpty();
        assertThat(detector.detect(p, null).speakers()).isEmpty();
    }
}
