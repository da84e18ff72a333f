package io.scribehook.hub.graphql;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeRuntimeWiring;
import io.scribehook.hub.appointments.Appointment;
import io.scribehook.hub.appointments.AppointmentService;
import io.scribehook.hub.appointments.Appointments;
import io.scribehook.hub.appointments.RecordingFiles;
import io.scribehook.hub.appointments.Transcripts;
import io.scribehook.hub.transcripts.TranscriptLinks;
import io.scribehook.store.Database;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The appointment part of the API: queries {@code appointment(id)} and {@code appointments(...)},
 * the nested {@code transcripts} and {@code zoom_cloud_recording_files}, and the admin mutations
 * {@code createAppointment}, {@code updateAppointment}, {@code deleteAppointment}.
 */
public final class AppointmentApi implements GraphQlPart {
    /** Appointments per page of {@code appointments(...)}. */
    public static final int PAGE_SIZE = 100;

    private final Database db;
    private final AppointmentService service;
    private final TranscriptLinks links;

    public AppointmentApi(Database db, AppointmentService service, TranscriptLinks links) {
        this.db = db;
        this.service = service;
        this.links = links;
    }

    @Override
    public List<String> schemaResources() {
        return List.of("graphql/hub.graphqls");
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        DataFetcher<?> transcripts = this::transcripts;
        DataFetcher<?> files = this::recordingFiles;
        wiring.type(TypeRuntimeWiring.newTypeWiring("Query")
                .dataFetcher("appointment", this::appointment)
                .dataFetcher("appointments", this::appointments));
        wiring.type(TypeRuntimeWiring.newTypeWiring("Mutation")
                .dataFetcher("createAppointment", this::create)
                .dataFetcher("updateAppointment", this::update)
                .dataFetcher("deleteAppointment", this::delete));
        wiring.type(TypeRuntimeWiring.newTypeWiring("Appointment")
                .dataFetcher("transcripts", transcripts)
                .dataFetcher("zoom_cloud_recording_files", files)
                .dataFetcher("zoomCloudRecordingFiles", files));
    }

    private Object appointment(DataFetchingEnvironment env) {
        Optional<Appointment> found = id(env.getArgument("id")).flatMap(service::find);
        if (found.isPresent()) {
            return Views.appointment(found.get());
        }
        return DataFetcherResult.newResult()
                .error(GraphqlErrorBuilder.newError(env)
                        .message("Appointment not found")
                        .extensions(Map.of("code", "NOT_FOUND"))
                        .build())
                .build();
    }

    private Object appointments(DataFetchingEnvironment env) {
        String start = firstText(env, "startDate", "start_date");
        String end = firstText(env, "endDate", "end_date");
        Integer offset = env.getArgument("offset");
        Instant from = start == null ? null : HubDates.parse(start).orElse(null);
        Instant to = end == null ? null : endBound(end);
        if ((start != null && from == null) || (end != null && to == null)) {
            return DataFetcherResult.newResult()
                    .error(GraphqlErrorBuilder.newError(env)
                            .message("startDate and endDate must be dates (2026-03-01) or date-times with an offset")
                            .extensions(Map.of("code", "BAD_USER_INPUT"))
                            .build())
                    .build();
        }
        int skip = offset == null ? 0 : Math.max(0, offset);
        return db.withHandle(h -> Appointments.list(h, from, to, skip, PAGE_SIZE)).stream()
                .map(Views::appointment)
                .toList();
    }

    /** A bare end date includes its whole day; a date-time is inclusive. */
    private static Instant endBound(String end) {
        Optional<Instant> exact = HubDates.parseDate(end)
                .map(d -> d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        return exact.or(() -> HubDates.parse(end).map(t -> t.plusMillis(1))).orElse(null);
    }

    private Object transcripts(DataFetchingEnvironment env) {
        Map<String, Object> source = env.getSource();
        long id = Long.parseLong((String) source.get("id"));
        String type = firstText(env, "transcript_type", "transcriptType");
        String status = env.getArgument("status");
        String base = RequestContext.of(env).baseUrl();
        return db.withHandle(h -> Transcripts.forAppointment(h, id, type, status)).stream()
                .map(t -> Views.transcript(t, t.hasContent() ? base + links.pathFor(t.id()) : null))
                .toList();
    }

    private Object recordingFiles(DataFetchingEnvironment env) {
        Map<String, Object> source = env.getSource();
        long id = Long.parseLong((String) source.get("id"));
        return db.withHandle(h -> RecordingFiles.forAppointment(h, id)).stream()
                .map(Views::recordingFile)
                .toList();
    }

    private Object create(DataFetchingEnvironment env) {
        return switch (AppointmentInput.read(env.getArgument("input"), true)) {
            case AppointmentInput.Invalid i -> payload(null, i.messages());
            case AppointmentInput.Valid v -> payload(Views.appointment(service.create(v.fields())), List.of());
        };
    }

    private Object update(DataFetchingEnvironment env) {
        Map<String, Object> input = env.getArgument("input");
        Optional<Long> id = id(input.get("id"));
        if (id.isEmpty()) {
            return payload(null, List.of(AppointmentInput.message("id", "Appointment not found")));
        }
        return switch (AppointmentInput.read(input, false)) {
            case AppointmentInput.Invalid i -> payload(null, i.messages());
            case AppointmentInput.Valid v ->
                service.update(id.get(), v.fields())
                        .map(a -> payload(Views.appointment(a), List.of()))
                        .orElseGet(
                                () -> payload(null, List.of(AppointmentInput.message("id", "Appointment not found"))));
        };
    }

    private Object delete(DataFetchingEnvironment env) {
        Map<String, Object> input = env.getArgument("input");
        Optional<Appointment> found = id(input.get("id")).flatMap(service::find);
        if (found.isEmpty() || !service.delete(found.get().id())) {
            return payload(null, List.of(AppointmentInput.message("id", "Appointment not found")));
        }
        return payload(Views.appointment(found.get()), List.of());
    }

    private static Map<String, Object> payload(Map<String, Object> appointment, List<Map<String, String>> messages) {
        var m = new java.util.HashMap<String, Object>();
        m.put("appointment", appointment);
        m.put("messages", messages);
        return m;
    }

    private static String firstText(DataFetchingEnvironment env, String a, String b) {
        String v = env.getArgument(a);
        return v != null ? v : env.getArgument(b);
    }

    private static Optional<Long> id(Object raw) {
        if (raw == null) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(raw.toString().strip());
            return id > 0 ? Optional.of(id) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
