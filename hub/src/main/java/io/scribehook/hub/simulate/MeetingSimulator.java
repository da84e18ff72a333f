package io.scribehook.hub.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scribehook.hub.appointments.Appointment;
import io.scribehook.hub.appointments.AppointmentFields;
import io.scribehook.hub.appointments.AppointmentService;
import io.scribehook.hub.appointments.Person;
import io.scribehook.hub.zoom.ZoomEndpoint;
import io.scribehook.signatures.ZoomSignature;
import io.scribehook.store.Database;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plays a clinical video visit as Zoom would report it, through the hub's own {@code
 * /zoom/webhooks}: it creates the appointment, then posts signed events in meeting order: the
 * provider (host) and the patient join, guests join, recording starts, the patient drops and
 * rejoins, recording stops, everyone leaves, the recording completes (MP4, M4A and the WebVTT
 * transcript of a real clinical conversation, served by {@link SimulatedFiles}), and the transcript
 * is ready. Event times lie in the recent past, in order; each request is signed at the real time.
 */
public final class MeetingSimulator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Database db;
    private final AppointmentService appointments;
    private final String secretToken;
    private final Clock clock;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public MeetingSimulator(Database db, AppointmentService appointments, String secretToken, Clock clock) {
        this.db = db;
        this.appointments = appointments;
        this.secretToken = secretToken;
        this.clock = clock;
    }

    /** One posted Zoom event: its type, the meeting time it reports, and the hub's answer status. */
    public record Posted(String event, Instant at, int status) {}

    /** What was simulated. */
    public record Result(Appointment appointment, String meetingId, String encounter, List<Posted> events) {}

    /**
     * Runs a meeting against the hub at {@code hubBase} (such as {@code http://127.0.0.1:8080}).
     *
     * @throws IOException when the hub cannot be reached or refuses an event
     */
    public Result run(URI hubBase, MeetingRequest request) throws IOException, InterruptedException {
        String encounter = request.encounter() != null
                ? request.encounter()
                : Conversations.ENCOUNTERS.get(RANDOM.nextInt(Conversations.ENCOUNTERS.size()));
        Conversations.Conversation talk = Conversations.load(encounter);
        Duration length = request.minutes() != null
                ? Duration.ofMinutes(request.minutes())
                : talk.length().plusMinutes(3).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant start = now.minus(length).minusSeconds(15 * 60);
        String meetingId = Long.toString(80_000_000_000L + (long) (RANDOM.nextDouble() * 9_999_999_999L));
        List<SimulatedPerson> people = people(talk.speakers(), request.participants());
        SimulatedPerson host = people.get(0);
        SimulatedPerson patient = people.get(1);
        Appointment appointment = appointments.create(new AppointmentFields(
                EnumSet.of(
                        AppointmentFields.Field.DATE,
                        AppointmentFields.Field.USER,
                        AppointmentFields.Field.OTHER_PARTY,
                        AppointmentFields.Field.ZOOM_MEETING_ID),
                start,
                host.person(),
                patient.person(),
                meetingId,
                null,
                true,
                null));

        String fileToken = HexFormat.of().formatHex(random(24));
        String vttId = "sim-" + HexFormat.of().formatHex(random(8));
        db.writer().write(h -> {
            SimulatedFiles.store(h, vttId, fileToken, "text/vtt; charset=utf-8", talk.webVtt(), now);
            return null;
        });
        String vttUrl = hubBase + SimulatedFiles.PATH.replace("{id}", vttId);

        Instant recStart = start.plusSeconds(60);
        Instant recEnd = start.plus(length).minusSeconds(60);
        Instant drop =
                recStart.plus(Duration.between(recStart, recEnd).multipliedBy(2).dividedBy(5));
        Instant end = start.plus(length);
        Map<String, Object> meeting = new LinkedHashMap<>();
        meeting.put("id", Long.parseLong(meetingId));
        meeting.put("uuid", "sim" + meetingId + "==");
        meeting.put("host_id", host.zoomUserId());
        meeting.put("topic", "Video visit");
        meeting.put("type", 2);
        meeting.put("start_time", start.toString());
        meeting.put("duration", length.toMinutes());

        List<Event> plan = new ArrayList<>();
        plan.add(participant(meeting, "meeting.participant_joined", host, start));
        plan.add(participant(meeting, "meeting.participant_joined", patient, start.plusSeconds(20)));
        for (int i = 2; i < people.size(); i++) {
            plan.add(
                    participant(meeting, "meeting.participant_joined", people.get(i), start.plusSeconds(30L + 10 * i)));
        }
        plan.add(new Event("recording.started", recStart, meeting, null));
        plan.add(participant(meeting, "meeting.participant_left", patient, drop));
        plan.add(participant(meeting, "meeting.participant_joined", patient, drop.plusSeconds(45)));
        plan.add(new Event("recording.stopped", recEnd, meeting, null));
        for (int i = people.size() - 1; i >= 0; i--) {
            plan.add(participant(meeting, "meeting.participant_left", people.get(i), end.minusSeconds(5L * i)));
        }
        List<Map<String, Object>> files = List.of(
                file(meetingId + "-mp4", "MP4", "MP4", 48_000L * length.toSeconds(), hubBase, recStart, recEnd),
                file(meetingId + "-m4a", "M4A", "M4A", 4_000L * length.toSeconds(), hubBase, recStart, recEnd),
                transcriptFile(vttId, vttUrl, talk.webVtt(), recStart, recEnd));
        plan.add(new Event("recording.completed", end.plusSeconds(120), with(meeting, files), fileToken));
        plan.add(new Event(
                "recording.transcript_completed",
                end.plusSeconds(600),
                with(meeting, List.of(files.get(2))),
                fileToken));

        List<Posted> posted = new ArrayList<>();
        for (Event e : plan) {
            posted.add(new Posted(e.type(), e.at(), post(hubBase, e)));
        }
        return new Result(appointment, meetingId, encounter, posted);
    }

    private record Event(String type, Instant at, Map<String, Object> object, String downloadToken) {}

    private record SimulatedPerson(String name, String email, String zoomUserId, Person person) {}

    private static List<SimulatedPerson> people(List<String> speakers, int n) {
        String doctor =
                speakers.stream().filter(s -> s.startsWith("Dr")).findFirst().orElse("Dr. Provider");
        String patient = speakers.stream()
                .filter(s -> !s.equals(doctor) && !s.equals("Guest"))
                .findFirst()
                .orElse("Patient");
        List<SimulatedPerson> out = new ArrayList<>();
        out.add(person(doctor, "1001", "clinic.example"));
        out.add(person(patient, "2001", "patients.example"));
        for (int i = 1; i <= n - 2; i++) {
            out.add(person("Guest " + i, Integer.toString(3000 + i), "guests.example"));
        }
        return out;
    }

    private static SimulatedPerson person(String name, String id, String domain) {
        String local =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", ".").replaceAll("^\\.|\\.$", "");
        int space = name.lastIndexOf(' ');
        String first = space < 0 ? name : name.substring(0, space);
        String last = space < 0 ? null : name.substring(space + 1);
        String email = local + "@" + domain;
        return new SimulatedPerson(name, email, "zoom-" + id, new Person(id, first, last, email));
    }

    private static Event participant(Map<String, Object> meeting, String type, SimulatedPerson p, Instant at) {
        Map<String, Object> participant = new LinkedHashMap<>();
        participant.put("user_id", p.zoomUserId());
        participant.put("participant_user_id", p.zoomUserId());
        participant.put("user_name", p.name());
        participant.put("email", p.email());
        participant.put(type.endsWith("joined") ? "join_time" : "leave_time", at.toString());
        if (type.endsWith("left")) {
            participant.put("leave_reason", "left the meeting");
        }
        Map<String, Object> object = new LinkedHashMap<>(meeting);
        object.put("participant", participant);
        return new Event(type, at, object, null);
    }

    private static Map<String, Object> with(Map<String, Object> meeting, List<Map<String, Object>> files) {
        Map<String, Object> object = new LinkedHashMap<>(meeting);
        object.put("recording_files", files);
        return object;
    }

    private static Map<String, Object> file(
            String id, String type, String ext, long size, URI hubBase, Instant from, Instant to) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", id);
        f.put("recording_start", from.toString());
        f.put("recording_end", to.toString());
        f.put("file_type", type);
        f.put("file_extension", ext);
        f.put("file_size", size);
        f.put("download_url", hubBase + SimulatedFiles.PATH.replace("{id}", id));
        f.put("status", "completed");
        f.put("recording_type", type.equals("M4A") ? "audio_only" : "shared_screen_with_speaker_view");
        return f;
    }

    private static Map<String, Object> transcriptFile(String id, String url, String vtt, Instant from, Instant to) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", id);
        f.put("recording_start", from.toString());
        f.put("recording_end", to.toString());
        f.put("file_type", "TRANSCRIPT");
        f.put("file_extension", "VTT");
        f.put("file_size", vtt.getBytes(StandardCharsets.UTF_8).length);
        f.put("download_url", url);
        f.put("status", "completed");
        f.put("recording_type", "audio_transcript");
        return f;
    }

    private int post(URI hubBase, Event e) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", e.type());
        body.put("event_ts", e.at().toEpochMilli());
        body.put("payload", Map.of("account_id", "simulator", "object", e.object()));
        if (e.downloadToken() != null) {
            body.put("download_token", e.downloadToken());
        }
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write a Zoom event", ex);
        }
        String ts = Long.toString(clock.instant().getEpochSecond());
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(hubBase.resolve(ZoomEndpoint.PATH))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("x-zm-request-timestamp", ts)
                        .header("x-zm-signature", ZoomSignature.sign(secretToken, ts, bytes))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("the hub answered " + r.statusCode() + " to the simulated " + e.type());
        }
        return r.statusCode();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
