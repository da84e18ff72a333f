package io.scribehook.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.app.JarRunner;
import io.scribehook.store.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code scribehook demo --once} end to end, in-process: one app with hub and receiver on SQLite in a
 * fresh data dir, the guide's registration, a simulated visit through Zoom's path, and the summary.
 * Then a second run on the same data dir.
 */
class DemoCommandTest {

    @Test
    void demoOnceProcessesAVisitEndToEndAndPrintsTheSummaryAndRunsAgainOnTheSameDataDir() throws Exception {
        Path dataDir = TestDatabases.newFolder("demo").resolve("data");
        Path config = dataDir.getParent().resolve("demo.properties");
        Files.writeString(config, "SCRIBEHOOK_HTTP_PORT=0\nSCRIBEHOOK_DATA_DIR=" + dataDir + "\n");

        JarRunner.Run first = JarRunner.inProcess(
                "demo", "--once", "--timeout", "90s", "--encounter", "D2N070", "--config", config.toString());
        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        String out = first.out();

        assertThat(out).contains("data key generated into " + dataDir.resolve("data-key") + " (mode 0600)");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("data-key"))))
                .isEqualTo("rw-------");
        assertThat(out)
                .containsPattern("webhook \\d+ registered for http://127\\.0\\.0\\.1:\\d+/healthie-webhooks "
                        + "through /graphql \\(the guide's CreateWebhook\\)");
        assertThat(out).contains("signature_secret read back with webhook(id)");
        assertThat(out).contains("note drafted from the transcript");
        // progress lines come in the order the steps completed
        assertThat(out.indexOf("recording started")).isLessThan(out.indexOf("transcript available"));

        // timeline: the lifecycle in meeting order, then the note
        String timeline = section(out, "Timeline", "Attendance");
        assertThat(timeline)
                .containsSubsequence(
                        "recording started", "recording stopped", "recording completed", "transcript available")
                .contains("note drafted, version 1 (lifecycle state: transcript_available");

        // attendance: host and patient join, the patient drops and rejoins, both leave; pseudonyms only
        String attendance = section(out, "Attendance", "Drafted note");
        assertThat(count(attendance, "joined  host")).isEqualTo(1);
        assertThat(count(attendance, "joined")).isEqualTo(3);
        assertThat(count(attendance, "left")).isEqualTo(3);
        assertThat(attendance).containsPattern("p_[0-9a-f]{32}").doesNotContain("@");

        // the drafted note's headings (the H&P template), each with a first line
        String note = section(out, "Drafted note", "Admin API");
        assertThat(note)
                .contains("a draft for the clinician to review")
                .containsSubsequence(
                        "CHIEF COMPLAINT",
                        "HISTORY OF PRESENT ILLNESS",
                        "REVIEW OF SYSTEMS",
                        "PHYSICAL EXAMINATION",
                        "RESULTS",
                        "ASSESSMENT AND PLAN");
        assertThat(note.lines().filter(l -> l.startsWith("    ") && !l.isBlank()))
                .hasSizeGreaterThanOrEqualTo(6);

        // the admin token printed is the one in the data dir, and it opens the admin API
        Matcher token = Pattern.compile("Admin token (shk_\\S+)").matcher(out);
        assertThat(token.find()).isTrue();
        assertThat(Files.readString(dataDir.resolve("admin-token")).strip()).isEqualTo(token.group(1));
        assertThat(out).containsPattern("Admin API   http://127\\.0\\.0\\.1:\\d+/api/scribe/appointments/\\d+");
        assertThat(out).doesNotContain("shown only now");

        JarRunner.Run second = JarRunner.inProcess("demo", "--once", "--timeout", "90s", "--config", config.toString());
        assertThat(second.exit()).as(second.out() + second.err()).isZero();
        assertThat(second.out())
                .contains("data key read from " + dataDir.resolve("data-key"))
                .contains("note drafted from the transcript")
                .contains("Admin token " + token.group(1));
    }

    @Test
    void aBadTimeoutIsAUsageError() {
        JarRunner.Run r = JarRunner.inProcess("demo", "--once", "--timeout", "soon");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--timeout 'soon'");
    }

    private static String section(String out, String from, String to) {
        int start = out.indexOf("\n" + from);
        int end = out.indexOf("\n" + to, start + 1);
        assertThat(start).as("section " + from).isGreaterThanOrEqualTo(0);
        assertThat(end).as("section " + to).isGreaterThan(start);
        return out.substring(start, end);
    }

    private static long count(String text, String word) {
        return Pattern.compile(Pattern.quote(word)).matcher(text).results().count();
    }
}
