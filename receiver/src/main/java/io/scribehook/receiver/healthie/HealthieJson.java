package io.scribehook.receiver.healthie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the API's snake_case answers onto records. Lenient about ids (string or number) and
 * missing optional fields; a missing or non-object root is the caller's "not found" or malformed.
 */
final class HealthieJson {

    private final ObjectMapper mapper;

    HealthieJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    AppointmentSnapshot appointment(JsonNode a) {
        return new AppointmentSnapshot(
                text(a, "id"),
                HealthieTimes.parse(text(a, "date")),
                a.path("is_group").asBoolean(false),
                text(a, "zoom_meeting_id"),
                a.path("will_be_scribed").asBoolean(false),
                person(a.get("other_party")),
                person(a.get("user")),
                list(a.get("zoom_cloud_recording_files"), this::recordingFile),
                raw(a));
    }

    List<TranscriptRef> transcripts(JsonNode array) {
        return list(
                array,
                t -> new TranscriptRef(
                        text(t, "id"),
                        text(t, "expiring_url"),
                        text(t, "status"),
                        HealthieTimes.parse(text(t, "transcript_start")),
                        HealthieTimes.parse(text(t, "transcript_end")),
                        text(t, "transcript_type")));
    }

    Webhook webhook(JsonNode w) {
        return new Webhook(
                text(w, "id"),
                text(w, "url"),
                w.path("is_enabled").asBoolean(false),
                w.path("should_retry").asBoolean(false),
                text(w, "signature_secret"),
                HealthieTimes.parse(text(w, "warned_at")),
                list(
                        w.get("webhook_events"),
                        e -> new WebhookEvent(
                                text(e, "id"),
                                text(e, "event_type"),
                                e.path("retry_count").asInt(0),
                                HealthieTimes.parse(text(e, "first_failed_at")),
                                HealthieTimes.parse(text(e, "last_failed_at")))));
    }

    WebhookPage webhookPage(JsonNode connection) {
        JsonNode pageInfo = connection.path("page_info");
        List<Webhook> nodes = list(connection.get("nodes"), this::webhook);
        return new WebhookPage(
                nodes,
                pageInfo.path("has_next_page").asBoolean(false),
                text(pageInfo, "end_cursor"),
                connection.path("total_count").asInt(nodes.size()));
    }

    static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isMissingNode() ? null : v.asText();
    }

    static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private AppointmentSnapshot.Person person(JsonNode p) {
        if (!present(p) || !p.isObject()) {
            return null;
        }
        return new AppointmentSnapshot.Person(
                text(p, "id"), text(p, "first_name"), text(p, "last_name"), text(p, "email"));
    }

    private AppointmentSnapshot.RecordingFile recordingFile(JsonNode f) {
        JsonNode size = f.get("file_size");
        Long fileSize = size == null || size.isNull()
                ? null
                : size.canConvertToLong() ? size.asLong() : parseLong(size.asText());
        return new AppointmentSnapshot.RecordingFile(
                text(f, "id"),
                text(f, "download_url"),
                fileSize,
                text(f, "file_type"),
                text(f, "meeting_id"),
                HealthieTimes.parse(text(f, "recording_start")),
                HealthieTimes.parse(text(f, "recording_end")),
                text(f, "recording_type"),
                text(f, "status"));
    }

    private String raw(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a parsed JSON tree", e);
        }
    }

    private static Long parseLong(String s) {
        try {
            return Long.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static <T> List<T> list(JsonNode array, java.util.function.Function<JsonNode, T> f) {
        if (array == null || !array.isArray()) {
            return List.of();
        }
        List<T> out = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            if (n != null && n.isObject()) {
                out.add(f.apply(n));
            }
        }
        return out;
    }
}
