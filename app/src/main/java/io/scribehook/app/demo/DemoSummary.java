package io.scribehook.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The summary printed once the meeting is processed: the recording lifecycle, attendance
 * (pseudonymous keys and roles: the receiver keeps names encrypted), the drafted note's section
 * headings with their first lines, and where the admin API is, with its token. Goes to the
 * terminal only, never to the logger.
 */
final class DemoSummary {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int LINE = 72;

    /** What the summary shows; {@code adminToken} empty when admin auth is off. */
    record Facts(
            String appointmentId,
            String meetingId,
            String encounter,
            JsonNode appointment,
            JsonNode note,
            String adminBase,
            Optional<String> adminToken) {
        @Override
        public String toString() {
            return "Facts[appointment=" + appointmentId + "]";
        }
    }

    private DemoSummary() {}

    static void print(PrintWriter out, Facts f) {
        out.println();
        out.println("Appointment " + f.appointmentId() + " (Zoom meeting " + f.meetingId() + ", ACI-BENCH conversation "
                + f.encounter() + ")");
        out.println();
        out.println("Timeline (meeting time, UTC)");
        JsonNode life = f.appointment().path("lifecycle");
        List<String[]> timeline = new ArrayList<>();
        add(timeline, life, "recording_started_at", "recording started");
        add(timeline, life, "recording_stopped_at", "recording stopped");
        add(timeline, life, "recording_completed_at", "recording completed");
        add(timeline, life, "transcript_available_at", "transcript available");
        timeline.sort(Comparator.comparing(t -> t[0]));
        timeline.forEach(t -> out.println("  " + t[0] + "  " + t[1]));
        JsonNode scribe = f.appointment().path("scribe");
        out.println("  " + clock(scribe.path("updated_at").asText(null)) + "  note drafted, version "
                + scribe.path("note_version").asText("?") + " (lifecycle state: "
                + life.path("state").asText("?")
                + ", recording " + life.path("recording_duration_seconds").asLong(0) / 60 + " min)");
        out.println();
        out.println("Attendance (participant keys are pseudonyms; names and emails stay encrypted)");
        for (JsonNode a : f.appointment().path("attendance")) {
            out.println(String.format(
                    Locale.ROOT,
                    "  %s  %-6s  %-11s  %s",
                    clock(a.path("event_at").asText(null)),
                    a.path("action").asText(),
                    a.path("role").asText(),
                    a.path("participant_key").asText("(unnamed)")));
        }
        out.println();
        JsonNode note = f.note().path("note");
        out.println("Drafted note (version "
                + f.note().path("version").asText(scribe.path("note_version").asText("?")) + ", "
                + (note.path("draft").asBoolean(true) ? "a draft for the clinician to review" : "final") + ")");
        for (JsonNode s : note.path("sections")) {
            String title = s.path("title").asText();
            out.println("  " + title);
            out.println("    " + firstLine(s.path("text").asText("")));
        }
        out.println();
        out.println("Admin API   " + f.adminBase() + "/api/scribe/appointments/" + f.appointmentId());
        out.println("Admin token " + f.adminToken().orElse("(admin authentication is off)"));
        out.println("            (Authorization: Bearer <token>; shown here on the terminal only, never logged)");
        out.flush();
    }

    private static void add(List<String[]> timeline, JsonNode life, String field, String label) {
        String at = life.path(field).asText(null);
        if (at != null) {
            timeline.add(new String[] {clock(at), label});
        }
    }

    private static String clock(String iso) {
        if (iso == null) {
            return "--:--:--";
        }
        try {
            return TIME.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("(empty)").strip();
        return line.length() <= LINE ? line : line.substring(0, LINE - 3) + "...";
    }
}
