package io.scribehook.delivery.registry;

import io.scribehook.core.event.BodyShape;
import io.scribehook.signatures.Profile;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Checks registry input field by field; every error names its field and what is allowed. */
final class WebhookValidation {
    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_EVENT_TYPES = 200;
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9_.\\-]{1,200}");

    private final List<FieldError> errors = new ArrayList<>();

    List<FieldError> errors() {
        return errors;
    }

    String url(String raw, boolean required) {
        if (raw == null) {
            if (required) {
                errors.add(new FieldError("url", "url is required"));
            }
            return null;
        }
        String url = raw.strip();
        if (url.isEmpty() || url.length() > MAX_URL_LENGTH) {
            errors.add(new FieldError("url", "url must be 1 to " + MAX_URL_LENGTH + " characters"));
            return null;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            errors.add(new FieldError("url", "url is not a valid URL: " + e.getReason()));
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            errors.add(new FieldError("url", "url must be an absolute http or https URL"));
        } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
            errors.add(new FieldError("url", "url must name a host"));
        } else if (uri.getRawUserInfo() != null) {
            errors.add(new FieldError("url", "url must not hold a user name or password"));
        } else if (uri.getRawFragment() != null) {
            errors.add(new FieldError("url", "url must not hold a fragment (#...)"));
        } else {
            return url;
        }
        return null;
    }

    List<String> eventTypes(List<String> raw, boolean required) {
        if (raw == null) {
            if (required) {
                errors.add(new FieldError("webhook_events", "webhook_events needs at least one event type"));
            }
            return null;
        }
        TreeSet<String> types = new TreeSet<>();
        for (String t : raw) {
            String s = t == null ? "" : t.strip();
            if (!EVENT_TYPE.matcher(s).matches()) {
                errors.add(new FieldError(
                        "webhook_events",
                        "event types are 1 to 200 letters, digits, '.', '_' or '-' (such as appointment.created)"));
                return null;
            }
            types.add(s);
        }
        if (types.isEmpty()) {
            errors.add(new FieldError("webhook_events", "webhook_events needs at least one event type"));
            return null;
        }
        if (types.size() > MAX_EVENT_TYPES) {
            errors.add(new FieldError("webhook_events", "at most " + MAX_EVENT_TYPES + " event types per webhook"));
            return null;
        }
        return List.copyOf(types);
    }

    Optional<Profile> profile(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        Optional<Profile> p = Profile.byId(raw);
        if (p.isEmpty()) {
            errors.add(new FieldError(
                    "signature_profile",
                    "signature_profile must be guide, healthie-api, healthie-rfc9421 or standard-webhooks"));
        }
        return p;
    }

    Optional<BodyShape> shape(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        for (BodyShape s : BodyShape.values()) {
            if (s.configName().equalsIgnoreCase(raw.strip())) {
                return Optional.of(s);
            }
        }
        errors.add(new FieldError("body_shape", "body_shape must be reference or guide"));
        return Optional.empty();
    }

    /** The shape of a stored name. */
    static BodyShape shapeOf(String configName) {
        for (BodyShape s : BodyShape.values()) {
            if (s.configName().equals(configName)) {
                return s;
            }
        }
        throw new IllegalStateException("unknown body shape in the registry: " + configName);
    }
}
