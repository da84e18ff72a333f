package io.scribehook.hub.webhooks;

import io.scribehook.core.event.EventTypes;
import io.scribehook.delivery.registry.FieldError;
import io.scribehook.delivery.registry.WebhookInput;
import io.scribehook.hub.graphql.FieldNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the input of {@code createWebhook} / {@code updateWebhook} in either spelling into a
 * {@link WebhookInput} (subscriptions as {@code webhook_events_attributes} or {@code webhook_events}), and checks what only the hub knows: the event types a webhook may subscribe
 * to (the appointment family, {@code scribe.*}, {@code webhook.*}). The registry checks the rest.
 */
final class WebhookInputReader {
    private WebhookInputReader() {}

    /** The input, or the problems with it. */
    sealed interface Result {}

    record Valid(WebhookInput input) implements Result {}

    record Invalid(List<FieldError> errors) implements Result {}

    /** Whether a webhook may subscribe to {@code eventType}. */
    static boolean acceptedEventType(String eventType) {
        return EventTypes.isKnown(eventType)
                || (eventType.startsWith("scribe.") && eventType.length() > "scribe.".length())
                || (eventType.startsWith("webhook.") && eventType.length() > "webhook.".length());
    }

    static Result read(Map<String, Object> in) {
        List<FieldError> errors = new ArrayList<>();
        List<String> types = eventTypes(in, errors);
        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        return new Valid(new WebhookInput(
                text(in, "url"),
                (Boolean) FieldNames.get(in, "is_enabled"),
                (Boolean) FieldNames.get(in, "should_retry"),
                types,
                text(in, "signature_profile"),
                text(in, "body_shape")));
    }

    @SuppressWarnings("unchecked")
    private static List<String> eventTypes(Map<String, Object> in, List<FieldError> errors) {
        Object given = FieldNames.get(in, "webhook_events_attributes");
        if (given == null) {
            given = FieldNames.get(in, "webhook_events");
        }
        if (given == null) {
            return null;
        }
        List<String> types = new ArrayList<>();
        for (Object item : (List<Object>) given) {
            Object raw = item instanceof Map<?, ?> m ? FieldNames.get((Map<String, Object>) m, "event_type") : null;
            String type = raw == null ? "" : raw.toString().strip();
            if (!acceptedEventType(type)) {
                errors.add(new FieldError(
                        "event_type",
                        "event_type " + (type.isEmpty() ? "is blank" : "'" + abbreviate(type) + "' is not supported")
                                + ": use an appointment event (such as appointment.transcript_available),"
                                + " scribe.* or webhook.*"));
                continue;
            }
            types.add(type);
        }
        return types;
    }

    private static String text(Map<String, Object> in, String name) {
        Object v = FieldNames.get(in, name);
        return v == null ? null : v.toString();
    }

    private static String abbreviate(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
    }
}
