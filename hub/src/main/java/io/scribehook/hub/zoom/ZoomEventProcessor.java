package io.scribehook.hub.zoom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scribehook.core.event.BodyShape;
import io.scribehook.core.event.EventTypes;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.hub.appointments.Appointment;
import io.scribehook.hub.appointments.AppointmentService;
import io.scribehook.hub.appointments.Appointments;
import io.scribehook.hub.appointments.Attendance;
import io.scribehook.hub.appointments.RecordingFile;
import io.scribehook.hub.appointments.RecordingFiles;
import io.scribehook.hub.appointments.Transcript;
import io.scribehook.hub.appointments.Transcripts;
import io.scribehook.hub.events.HubEvents;
import io.scribehook.store.Database;
import io.scribehook.store.queue.Job;
import io.scribehook.store.queue.JobHandlers;
import io.scribehook.store.queue.JobOutcome;
import io.scribehook.store.queue.JobQueue;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns stored Zoom events into appointment events, each in one transaction with its effects and
 * the job's completion (so a redelivered job changes nothing twice):
 * <ul>
 *   <li>{@code recording.started/stopped} → {@code appointment.recording_started/stopped};</li>
 *   <li>{@code recording.completed} → the files into {@code zoom_cloud_recording_files}, then
 *       {@code appointment.recording_completed};</li>
 *   <li>{@code recording.transcript_completed} → the VTT downloaded ({@code download_url} +
 *       {@code download_token}) and stored as a {@code processed_recording} transcript, then
 *       {@code appointment.transcript_available}; a download that cannot succeed gives
 *       {@code appointment.transcript_failed};</li>
 *   <li>{@code meeting.participant_joined/left} → attendance, then
 *       {@code appointment.participant_joined/left} with {@code host_user_id}, {@code user_name},
 *       {@code user_email}, {@code event_ts}.</li>
 * </ul>
 * An event of a meeting no appointment has is kept as {@code unmatched} and logged (ids only).
 */
public final class ZoomEventProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(ZoomEventProcessor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;
    private final JobQueue queue;
    private final HubEvents events;
    private final Clock clock;
    private final TranscriptDownloader downloader = new TranscriptDownloader();

    public ZoomEventProcessor(Database db, JobQueue queue, HubEvents events, Clock clock) {
        this.db = db;
        this.queue = queue;
        this.events = events;
        this.clock = clock;
    }

    public JobHandlers handlers() {
        return JobHandlers.create().on(ZoomInbox.PROCESS, this::process);
    }

    JobOutcome process(Job job) throws IOException {
        long id = Long.parseLong(job.payload());
        Optional<ZoomInbox.StoredEvent> stored = db.withHandle(h -> ZoomInbox.find(h, id));
        if (stored.isEmpty()) {
            return finish(job, id, ZoomInbox.FAILED, null, List.of(), h -> {});
        }
        ZoomInbox.StoredEvent e = stored.get();
        JsonNode root = JSON.readTree(e.body());
        JsonNode object = root.path("payload").path("object");
        Optional<Appointment> appointment = e.meetingId() == null
                ? Optional.empty()
                : db.withHandle(h -> Appointments.findByZoomMeeting(h, e.meetingId()));
        if (appointment.isEmpty()) {
            LOG.info(
                    "zoom event {} ({}) is for meeting {}, which no appointment has: kept as unmatched",
                    id,
                    e.event(),
                    e.meetingId());
            return finish(job, id, ZoomInbox.UNMATCHED, null, List.of(), h -> {});
        }
        Appointment a = appointment.get();
        return switch (e.event()) {
            case "recording.started" -> simple(job, id, a, root, EventTypes.APPOINTMENT_RECORDING_STARTED);
            case "recording.stopped" -> simple(job, id, a, root, EventTypes.APPOINTMENT_RECORDING_STOPPED);
            case "recording.completed" -> recordingCompleted(job, id, a, root, object);
            case "recording.transcript_completed" -> transcriptCompleted(job, id, a, root, object);
            case "meeting.participant_joined" -> participant(job, id, a, root, object, Attendance.JOINED);
            case "meeting.participant_left" -> participant(job, id, a, root, object, Attendance.LEFT);
            default -> {
                LOG.info("zoom event {} ({}) has no appointment event: kept as ignored", id, e.event());
                yield finish(job, id, ZoomInbox.IGNORED, a.id(), List.of(), h -> {});
            }
        };
    }

    private JobOutcome simple(Job job, long id, Appointment a, JsonNode root, String type) {
        return finish(job, id, ZoomInbox.PROCESSED, a.id(), List.of(event(type, a, root)), h -> {});
    }

    private JobOutcome recordingCompleted(Job job, long id, Appointment a, JsonNode root, JsonNode object) {
        List<RecordingFile> files = files(a, object);
        Instant now = clock.instant();
        return finish(
                job,
                id,
                ZoomInbox.PROCESSED,
                a.id(),
                List.of(event(EventTypes.APPOINTMENT_RECORDING_COMPLETED, a, root)),
                h -> files.forEach(f -> RecordingFiles.upsert(h, f, now)));
    }

    private JobOutcome transcriptCompleted(Job job, long id, Appointment a, JsonNode root, JsonNode object) {
        Optional<RecordingFile> vtt = files(a, object).stream()
                .filter(f -> "TRANSCRIPT".equalsIgnoreCase(f.fileType()))
                .findFirst();
        if (vtt.isEmpty() || vtt.get().downloadUrl() == null) {
            LOG.warn("zoom event {} (recording.transcript_completed) names no TRANSCRIPT file", id);
            return finish(
                    job,
                    id,
                    ZoomInbox.FAILED,
                    a.id(),
                    List.of(event(EventTypes.APPOINTMENT_TRANSCRIPT_FAILED, a, root)),
                    h -> {});
        }
        RecordingFile file = vtt.get();
        String token = root.path("download_token").asText(null);
        switch (downloader.fetch(file.downloadUrl(), token)) {
            case TranscriptFetch.Transient t -> {
                LOG.info("zoom event {}: transcript download failed, will retry: {}", id, t.reason());
                return new JobOutcome.Retry("transcript download: " + t.reason());
            }
            case TranscriptFetch.Permanent p -> {
                LOG.warn("zoom event {}: transcript download failed for good: {}", id, p.reason());
                return finish(
                        job,
                        id,
                        ZoomInbox.FAILED,
                        a.id(),
                        List.of(event(EventTypes.APPOINTMENT_TRANSCRIPT_FAILED, a, root)),
                        h -> {});
            }
            case TranscriptFetch.Fetched f -> {
                Instant now = clock.instant();
                return db.writer().write(h -> {
                    RecordingFiles.upsert(h, file, now);
                    Transcripts.Stored s = Transcripts.store(
                            h,
                            a.id(),
                            "completed",
                            Transcript.PROCESSED_RECORDING,
                            file.recordingStart(),
                            file.recordingEnd(),
                            f.webVtt(),
                            "zoom:" + file.id(),
                            now);
                    if (s.created()) {
                        events.emit(h, event(EventTypes.APPOINTMENT_TRANSCRIPT_AVAILABLE, a, root));
                    }
                    ZoomInbox.mark(h, id, ZoomInbox.PROCESSED, a.id(), now.toEpochMilli());
                    return new JobOutcome.Completed(queue.complete(h, job));
                });
            }
        }
    }

    private JobOutcome participant(Job job, long id, Appointment a, JsonNode root, JsonNode object, String action) {
        JsonNode p = object.path("participant");
        String name = text(p, "user_name");
        String email = text(p, "email");
        String key = first(text(p, "participant_user_id"), text(p, "user_id"), text(p, "id"), email, name);
        Instant at = time(text(p, action.equals(Attendance.JOINED) ? "join_time" : "leave_time"))
                .or(() -> eventTs(root))
                .orElse(clock.instant());
        String type = action.equals(Attendance.JOINED)
                ? EventTypes.APPOINTMENT_PARTICIPANT_JOINED
                : EventTypes.APPOINTMENT_PARTICIPANT_LEFT;
        ThinEvent event = new ThinEvent(
                type,
                a.idText(),
                AppointmentService.RESOURCE_TYPE,
                List.of(),
                BodyShape.REFERENCE,
                hostUserId(a, object),
                name,
                email,
                at,
                null,
                null,
                null,
                null);
        Instant now = clock.instant();
        return db.writer().write(h -> {
            boolean fresh = Attendance.record(h, a.id(), action, key == null ? "unknown" : key, name, email, at, now);
            if (fresh) {
                events.emit(h, event);
            }
            ZoomInbox.mark(h, id, ZoomInbox.PROCESSED, a.id(), now.toEpochMilli());
            return new JobOutcome.Completed(queue.complete(h, job));
        });
    }

    /** Records the event's end, emits {@code emitted} and completes the job, in one transaction. */
    private JobOutcome finish(
            Job job, long id, String status, Long appointmentId, List<ThinEvent> emitted, Effects effects) {
        long now = clock.millis();
        return db.writer().write(h -> {
            effects.apply(h);
            emitted.forEach(ev -> events.emit(h, ev));
            ZoomInbox.mark(h, id, status, appointmentId, now);
            return new JobOutcome.Completed(queue.complete(h, job));
        });
    }

    @FunctionalInterface
    private interface Effects {
        void apply(Handle h);
    }

    /** An event with the Zoom event's {@code event_ts}, so that receivers learn when it happened. */
    private static ThinEvent event(String type, Appointment a, JsonNode root) {
        ThinEvent e = AppointmentService.event(type, a);
        return eventTs(root).map(e::withEventTs).orElse(e);
    }

    private static Optional<Instant> eventTs(JsonNode root) {
        return Optional.of(root.path("event_ts").asLong(0)).filter(ms -> ms > 0).map(Instant::ofEpochMilli);
    }

    /**
     * {@code host_user_id}: the appointment's provider (the user who hosts its Zoom meeting), as
     * receivers compare it with the appointment's people; Zoom's own {@code host_id} when the
     * appointment names no provider.
     */
    private static String hostUserId(Appointment a, JsonNode object) {
        return a.user() != null && a.user().id() != null ? a.user().id() : text(object, "host_id");
    }

    private static List<RecordingFile> files(Appointment a, JsonNode object) {
        List<RecordingFile> out = new ArrayList<>();
        String meeting = text(object, "id");
        for (JsonNode f : object.path("recording_files")) {
            String fileId = text(f, "id");
            if (fileId == null) {
                continue;
            }
            String type = text(f, "file_type");
            if (type == null && "VTT".equalsIgnoreCase(text(f, "file_extension"))) {
                type = "TRANSCRIPT";
            }
            JsonNode size = f.get("file_size");
            out.add(new RecordingFile(
                    fileId,
                    a.id(),
                    first(text(f, "meeting_id"), meeting),
                    text(f, "download_url"),
                    size == null || !size.canConvertToLong() ? null : size.asLong(),
                    type,
                    time(text(f, "recording_start")).orElse(null),
                    time(text(f, "recording_end")).orElse(null),
                    text(f, "recording_type"),
                    text(f, "status")));
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static Optional<Instant> time(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
