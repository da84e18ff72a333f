package io.scribehook.scribe.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.scribe.clinical.ClinicalLexicon.MedicationName;
import io.scribehook.scribe.roles.AppointmentPeople;
import io.scribehook.scribe.roles.RoleDetector;
import io.scribehook.scribe.vtt.VttParseResult;
import io.scribehook.scribe.vtt.WebVttParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of the extractor on hand-annotated fixtures ({@code clinical/*.vtt} with a
 * {@code .expected} sidecar): medications by generic name and negation, vitals by kind and value,
 * and, over the medications found, how often dose, route and frequency agree with the annotation.
 */
class ClinicalExtractorQualityTest {
    private static final double FLOOR = 0.85;

    private record Expected(List<String[]> medications, Set<String> vitals, Integer followUpDays) {}

    private final ClinicalExtractor extractor = ClinicalExtractor.withDefaultLexicon();
    private final Map<String, String> generics = new HashMap<>();

    ClinicalExtractorQualityTest() {
        for (MedicationName m : ClinicalLexicon.defaults().medications()) {
            generics.put(m.name(), m.generic());
        }
    }

    @Test
    void precisionAndRecallOnHandAnnotatedFixtures() throws IOException, URISyntaxException {
        Path dir = Path.of(
                Objects.requireNonNull(getClass().getResource("/clinical")).toURI());
        List<Path> fixtures;
        try (Stream<Path> files = Files.list(dir)) {
            fixtures = files.filter(p -> p.toString().endsWith(".vtt")).sorted().toList();
        }
        assertThat(fixtures).hasSizeGreaterThanOrEqualTo(20);

        Counts meds = new Counts();
        Counts vitals = new Counts();
        int[] attributes = new int[6];
        int followUpsRight = 0;
        int followUpsAnnotated = 0;
        List<String> misses = new ArrayList<>();
        for (Path vtt : fixtures) {
            String name = vtt.getFileName().toString().replace(".vtt", "");
            Expected expected = expected(vtt.resolveSibling(name + ".expected"));
            VttParseResult.Parsed p =
                    (VttParseResult.Parsed) WebVttParser.strict().parse(Files.readString(vtt, StandardCharsets.UTF_8));
            ClinicalFindings found = extractor.extract(p, new RoleDetector().detect(p, AppointmentPeople.UNKNOWN));

            Set<String> wantMeds = new HashSet<>();
            Map<String, String[]> wantByKey = new HashMap<>();
            for (String[] m : expected.medications()) {
                String key = generic(m[0]) + (m[4].equals("true") ? " (negated)" : "");
                wantMeds.add(key);
                wantByKey.put(key, m);
            }
            Set<String> gotMeds = new HashSet<>();
            for (Medication m : found.medications()) {
                String key = m.generic() + (m.negated() ? " (negated)" : "");
                gotMeds.add(key);
                String[] want = wantByKey.get(key);
                if (want != null && Boolean.getBoolean("scribehook.quality.details")) {
                    System.out.printf(
                            "%s %s: dose %s/%s route %s/%s frequency %s/%s%n",
                            name, key, m.dose(), want[1], m.route(), want[2], m.frequency(), want[3]);
                }
                if (want != null) {
                    attributes[0] += want[1].equals("-") ? 0 : 1;
                    attributes[1] += !want[1].equals("-") && want[1].equals(m.dose()) ? 1 : 0;
                    attributes[2] += want[2].equals("-") ? 0 : 1;
                    attributes[3] += !want[2].equals("-") && want[2].equals(m.route()) ? 1 : 0;
                    attributes[4] += want[3].equals("-") ? 0 : 1;
                    attributes[5] += !want[3].equals("-") && want[3].equals(m.frequency()) ? 1 : 0;
                }
                assertThat(m.source()).isNotNull();
            }
            meds.add(name, wantMeds, gotMeds, misses);

            Set<String> gotVitals = new HashSet<>();
            for (Vital v : found.vitals()) {
                gotVitals.add(v.kind() + " " + v.value());
                assertThat(v.source()).isNotNull();
            }
            vitals.add(name, expected.vitals(), gotVitals, misses);

            if (expected.followUpDays() != null) {
                followUpsAnnotated++;
                if (found.followUp().map(FollowUp::days).orElse(-1).equals(expected.followUpDays())) {
                    followUpsRight++;
                } else {
                    misses.add(name + ": follow-up "
                            + found.followUp().map(FollowUp::interval).orElse("none"));
                }
            } else if (found.followUp().isPresent()) {
                misses.add(name + ": unexpected follow-up "
                        + found.followUp().get().interval());
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Clinical extraction on %d hand-annotated fixtures:%n"
                        + "  medications (generic + negation): precision %.3f recall %.3f (%d annotated, %d found, %d right)%n"
                        + "  vitals (kind + value):             precision %.3f recall %.3f (%d annotated, %d found, %d right)%n"
                        + "  of the medications right: dose %d/%d, route %d/%d, frequency %d/%d as annotated%n"
                        + "  follow-up interval: %d/%d%n"
                        + "  misses: %s%n",
                fixtures.size(),
                meds.precision(),
                meds.recall(),
                meds.expected,
                meds.found,
                meds.right,
                vitals.precision(),
                vitals.recall(),
                vitals.expected,
                vitals.found,
                vitals.right,
                attributes[1],
                attributes[0],
                attributes[3],
                attributes[2],
                attributes[5],
                attributes[4],
                followUpsRight,
                followUpsAnnotated,
                String.join("; ", misses));
        assertThat(meds.precision()).isGreaterThanOrEqualTo(FLOOR);
        assertThat(meds.recall()).isGreaterThanOrEqualTo(FLOOR);
        assertThat(vitals.precision()).isGreaterThanOrEqualTo(FLOOR);
        assertThat(vitals.recall()).isGreaterThanOrEqualTo(FLOOR);
    }

    private String generic(String name) {
        String key = name.replace('-', ' ');
        return generics.getOrDefault(key, key);
    }

    private static final class Counts {
        int expected;
        int found;
        int right;

        void add(String fixture, Set<String> want, Set<String> got, List<String> misses) {
            expected += want.size();
            found += got.size();
            for (String g : got) {
                if (want.contains(g)) {
                    right++;
                } else {
                    misses.add(fixture + ": extra " + g);
                }
            }
            for (String w : want) {
                if (!got.contains(w)) {
                    misses.add(fixture + ": missed " + w);
                }
            }
        }

        double precision() {
            return found == 0 ? 1 : (double) right / found;
        }

        double recall() {
            return expected == 0 ? 1 : (double) right / expected;
        }
    }

    private static Expected expected(Path file) throws IOException {
        List<String[]> medications = new ArrayList<>();
        Set<String> vitals = new HashSet<>();
        Integer followUp = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t");
            switch (c[0]) {
                case "med" -> medications.add(new String[] {c[1], c[2], c[3], c[4], c[5]});
                case "vital" -> vitals.add(c[1] + " " + c[2]);
                case "followup" -> followUp = Integer.parseInt(c[1]);
                default -> throw new IllegalArgumentException(file + ": unknown line " + line);
            }
        }
        return new Expected(medications, vitals, followUp);
    }
}
