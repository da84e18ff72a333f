package io.scribehook.hub.graphql;

import io.scribehook.hub.appointments.Appointment;
import io.scribehook.hub.appointments.Person;
import io.scribehook.hub.appointments.RecordingFile;
import io.scribehook.hub.appointments.Transcript;
import java.util.HashMap;
import java.util.Map;

/** Records as the snake_case maps the default data fetcher reads (camelCase aliases resolve to the same keys). */
final class Views {
    private Views() {}

    static Map<String, Object> appointment(Appointment a) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", a.idText());
        m.put("date", HubDates.format(a.date()));
        m.put("user", person(a.user()));
        m.put("other_party", person(a.otherParty()));
        m.put("zoom_meeting_id", a.zoomMeetingId());
        m.put("is_group", a.isGroup());
        m.put("will_be_scribed", a.willBeScribed());
        m.put("created_at", HubDates.format(a.createdAt()));
        m.put("updated_at", HubDates.format(a.updatedAt()));
        return m;
    }

    static Map<String, Object> person(Person p) {
        if (p == null) {
            return null;
        }
        Map<String, Object> m = new HashMap<>();
        m.put("id", p.id());
        m.put("first_name", p.firstName());
        m.put("last_name", p.lastName());
        String full = ((p.firstName() == null ? "" : p.firstName()) + " " + (p.lastName() == null ? "" : p.lastName()))
                .strip();
        m.put("full_name", full.isEmpty() ? null : full);
        m.put("email", p.email());
        return m;
    }

    static Map<String, Object> transcript(Transcript t, String expiringUrl) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", t.idText());
        m.put("expiring_url", expiringUrl);
        m.put("status", t.status());
        m.put("transcript_start", HubDates.format(t.start()));
        m.put("transcript_end", HubDates.format(t.end()));
        m.put("transcript_type", t.type());
        return m;
    }

    static Map<String, Object> recordingFile(RecordingFile f) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", f.id());
        m.put("download_url", f.downloadUrl());
        m.put("file_size", f.fileSize());
        m.put("file_type", f.fileType());
        m.put("meeting_id", f.meetingId());
        m.put("recording_start", HubDates.format(f.recordingStart()));
        m.put("recording_end", HubDates.format(f.recordingEnd()));
        m.put("recording_type", f.recordingType());
        m.put("status", f.status());
        return m;
    }
}
