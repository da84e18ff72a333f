package io.scribehook.hub.graphql;

import io.scribehook.hub.appointments.AppointmentFields;
import io.scribehook.hub.appointments.AppointmentFields.Field;
import io.scribehook.hub.appointments.Person;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the input of {@code createAppointment} / {@code updateAppointment} in either spelling.
 * Problems come back as {@code messages} entries ({@code {field, message}}), as Healthie reports
 * validation, never as GraphQL errors.
 */
final class AppointmentInput {
    private static final int MAX_TEXT = 200;

    private AppointmentInput() {}

    /** The fields, or the problems with them. */
    sealed interface Result {}

    record Valid(AppointmentFields fields) implements Result {}

    record Invalid(List<Map<String, String>> messages) implements Result {}

    static Map<String, String> message(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    static Result read(Map<String, Object> in, boolean create) {
        List<Map<String, String>> problems = new ArrayList<>();
        Set<Field> given = EnumSet.noneOf(Field.class);
        Instant date = null;
        String dateKey = FieldNames.has(in, "date") ? "date" : "datetime";
        if (FieldNames.has(in, dateKey)) {
            Object raw = FieldNames.get(in, dateKey);
            Optional<Instant> parsed = raw == null ? Optional.empty() : HubDates.parse(raw.toString());
            if (parsed.isEmpty()) {
                problems.add(
                        message(
                                "date",
                                "is not a date-time with an offset, such as 2026-03-01T10:00:00Z or 2026-03-01 10:00:00 -0500"));
            } else {
                date = parsed.get();
                given.add(Field.DATE);
            }
        } else if (create) {
            problems.add(message("date", "can't be blank"));
        }
        Person user = person(in, "user", given, Field.USER, problems);
        Person otherParty = person(in, "other_party", given, Field.OTHER_PARTY, problems);
        String meeting = text(in, "zoom_meeting_id", given, Field.ZOOM_MEETING_ID, problems);
        String org = text(in, "organization_id", given, Field.ORGANIZATION_ID, problems);
        Boolean group = bool(in, "is_group", given, Field.IS_GROUP);
        Boolean scribed = bool(in, "will_be_scribed", given, Field.WILL_BE_SCRIBED);
        if (!problems.isEmpty()) {
            return new Invalid(List.copyOf(problems));
        }
        return new Valid(new AppointmentFields(given, date, user, otherParty, meeting, group, scribed, org));
    }

    private static String text(
            Map<String, Object> in, String name, Set<Field> given, Field field, List<Map<String, String>> problems) {
        if (!FieldNames.has(in, name)) {
            return null;
        }
        given.add(field);
        Object v = FieldNames.get(in, name);
        String s = v == null ? null : v.toString().strip();
        if (s != null && s.length() > MAX_TEXT) {
            problems.add(message(name, "is longer than " + MAX_TEXT + " characters"));
        }
        return s == null || s.isEmpty() ? null : s;
    }

    private static Boolean bool(Map<String, Object> in, String name, Set<Field> given, Field field) {
        if (!FieldNames.has(in, name)) {
            return null;
        }
        given.add(field);
        return Boolean.TRUE.equals(FieldNames.get(in, name));
    }

    @SuppressWarnings("unchecked")
    private static Person person(
            Map<String, Object> in, String name, Set<Field> given, Field field, List<Map<String, String>> problems) {
        if (!FieldNames.has(in, name)) {
            return null;
        }
        given.add(field);
        Object v = FieldNames.get(in, name);
        if (!(v instanceof Map<?, ?> m)) {
            return null;
        }
        Map<String, Object> p = (Map<String, Object>) m;
        Set<Field> ignored = EnumSet.noneOf(Field.class);
        String email = text(p, "email", ignored, field, problems);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
            problems.add(message(name + ".email", "is not an email address"));
        }
        Person person = new Person(
                text(p, "id", ignored, field, problems),
                text(p, "first_name", ignored, field, problems),
                text(p, "last_name", ignored, field, problems),
                email);
        return person.isEmpty() ? null : person;
    }
}
