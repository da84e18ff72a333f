package io.scribehook.receiver.scribe;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.scribehook.core.crypto.FieldCipher;
import io.scribehook.core.http.ApiException;
import io.scribehook.receiver.process.AppointmentSnapshots;
import io.scribehook.receiver.process.Attendance;
import io.scribehook.receiver.process.ParticipantKeys;
import io.scribehook.receiver.process.RecordingLifecycle;
import io.scribehook.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scribe's admin API for the dashboard, under {@code /api/scribe} (the app guards it with the
 * admin token): appointments and where their scribe work stands, one appointment's lifecycle,
 * attendance (pseudonymous) and analysis, its transcript turns and its note versions. Transcript
 * and note text are decrypted for the answer; they are never logged. Unknown ids are 404.
 */
public final class ScribeAdminRoutes {
    private static final int MAX_PAGE = 500;
    private static final Set<String> STATES =
            Set.of(ScribeStore.WAITING, ScribeStore.DRAFTED, ScribeStore.MISSING, ScribeStore.FAILED);
    private final Database db;
    private final Optional<ScribeReads> reads;
    private final Clock clock;

    /** @param cipher empty without {@code SCRIBEHOOK_DATA_KEY}: text answers are then 503 */
    public ScribeAdminRoutes(Database db, Optional<FieldCipher> cipher, Clock clock) {
        this.db = db;
        this.reads = cipher.map(ScribeReads::new);
        this.clock = clock;
    }

    public void register(RoutesConfig r) {
        r.get("/api/scribe/appointments", this::list);
        r.get("/api/scribe/appointments/{id}", guarded(this::appointment));
        r.get("/api/scribe/appointments/{id}/transcript", guarded(this::transcript));
        r.get("/api/scribe/appointments/{id}/notes", this::notes);
        r.get("/api/scribe/appointments/{id}/notes/{version}", guarded(this::note));
    }

    /** A stored value that does not decrypt is a 500 naming its place and key id, never its content. */
    private static io.javalin.http.Handler guarded(io.javalin.http.Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (FieldCipher.UndecryptableException e) {
                throw new ApiException(500, "undecryptable", e.getMessage());
            }
        };
    }

    private void list(Context ctx) {
        String state = ctx.queryParam("state");
        if (state != null && !STATES.contains(state)) {
            throw ApiException.invalidRequest("state '" + state + "' is not one of "
                    + String.join(", ", STATES.stream().sorted().toList()));
        }
        int limit = Optional.ofNullable(ctx.queryParam("limit"))
                .map(ScribeAdminRoutes::limit)
                .orElse(50);
        ScribeReads.Cursor after = Optional.ofNullable(ctx.queryParam("cursor"))
                .map(ScribeAdminRoutes::cursor)
                .orElse(null);
        List<Map<String, Object>> rows = db.jdbi().withHandle(h -> ScribeReads.list(h, state, after, limit));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", rows);
        body.put(
                "next_cursor",
                rows.size() == limit
                        ? ScribeReads.Cursor.of(rows.get(rows.size() - 1)).text()
                        : null);
        ctx.json(body);
    }

    private void appointment(Context ctx) {
        String id = ctx.pathParam("id");
        ParticipantKeys participants = ParticipantKeys.of(db, clock).load();
        Map<String, Object> body = db.jdbi().withHandle(h -> {
            Optional<Map<String, Object>> scribe = ScribeReads.state(h, id);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("appointment_id", id);
            m.put("scribe", scribe.orElse(null));
            RecordingLifecycle.find(h, id).ifPresent(rec -> m.put("lifecycle", lifecycle(rec)));
            List<?> attendance = Attendance.list(h, id, participants);
            m.put("attendance", attendance);
            m.put("transcripts", ScribeReads.transcripts(h, id));
            String current = scribe.map(s -> (String) s.get("transcript_id")).orElse(null);
            m.put(
                    "analysis",
                    current == null ? null : text().analysis(h, id, current).orElse(null));
            boolean known = scribe.isPresent()
                    || m.containsKey("lifecycle")
                    || !attendance.isEmpty()
                    || AppointmentSnapshots.state(h, id).isPresent();
            return known ? m : null;
        });
        if (body == null) {
            throw ApiException.notFound("appointment " + id + " is unknown to this receiver");
        }
        ctx.json(body);
    }

    private void transcript(Context ctx) {
        String id = ctx.pathParam("id");
        String requested = ctx.queryParam("transcript_id");
        Map<String, Object> body = db.jdbi().withHandle(h -> {
            String tid = requested != null
                    ? requested
                    : ScribeReads.state(h, id)
                            .map(s -> (String) s.get("transcript_id"))
                            .orElse(null);
            if (tid == null) {
                return null;
            }
            Optional<Map<String, Object>> meta = ScribeReads.transcripts(h, id).stream()
                    .filter(t -> tid.equals(t.get("transcript_id")))
                    .findFirst();
            if (meta.isEmpty()) {
                return null;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("appointment_id", id);
            m.putAll(meta.get());
            m.put("turns", text().turns(h, id, tid));
            return m;
        });
        if (body == null) {
            throw ApiException.notFound(
                    requested != null
                            ? "appointment " + id + " has no stored transcript " + requested
                            : "appointment " + id + " has no stored transcript");
        }
        ctx.json(body);
    }

    private void notes(Context ctx) {
        String id = ctx.pathParam("id");
        Map<String, Object> body = db.jdbi().withHandle(h -> {
            Optional<Map<String, Object>> scribe = ScribeReads.state(h, id);
            List<Map<String, Object>> notes = ScribeReads.notes(h, id);
            if (scribe.isEmpty() && notes.isEmpty()) {
                return null;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("appointment_id", id);
            m.put("current_version", scribe.map(s -> s.get("note_version")).orElse(null));
            m.put("notes", notes);
            return m;
        });
        if (body == null) {
            throw ApiException.notFound("appointment " + id + " has no scribe record");
        }
        ctx.json(body);
    }

    private void note(Context ctx) {
        String id = ctx.pathParam("id");
        int version = version(ctx.pathParam("version"));
        Map<String, Object> body = db.jdbi()
                .withHandle(h -> text().note(h, id, version))
                .orElseThrow(() -> ApiException.notFound("appointment " + id + " has no note version " + version));
        body.put("appointment_id", id);
        ctx.json(body);
    }

    private ScribeReads text() {
        return reads.orElseThrow(() -> new ApiException(
                503,
                "data_key_missing",
                "SCRIBEHOOK_DATA_KEY is not set: stored transcripts and notes cannot be decrypted"));
    }

    private static Map<String, Object> lifecycle(io.scribehook.receiver.process.RecordingState r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", r.state());
        m.put("recording_started_at", str(r.recordingStartedAt()));
        m.put("recording_stopped_at", str(r.recordingStoppedAt()));
        m.put("recording_completed_at", str(r.recordingCompletedAt()));
        m.put("transcript_started_at", str(r.transcriptStartedAt()));
        m.put("transcript_available_at", str(r.transcriptAvailableAt()));
        m.put("transcript_failed_at", str(r.transcriptFailedAt()));
        m.put(
                "recording_duration_seconds",
                r.recordingDuration() == null ? null : r.recordingDuration().toSeconds());
        return m;
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }

    private static int version(String text) {
        try {
            int v = Integer.parseInt(text);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.invalidRequest("'" + text + "' is not a note version (a positive integer)");
    }

    private static ScribeReads.Cursor cursor(String text) {
        try {
            return ScribeReads.Cursor.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidRequest("cursor '" + text + "' is not one this API gave");
        }
    }

    private static int limit(String text) {
        try {
            int v = Integer.parseInt(text);
            if (v >= 1 && v <= MAX_PAGE) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.invalidRequest("limit '" + text + "' must be an integer from 1 to " + MAX_PAGE);
    }
}
