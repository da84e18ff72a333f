package io.scribehook.app.cli.receiver;

import io.scribehook.app.cli.CliFailure;
import io.scribehook.core.event.EventTypes;
import io.scribehook.receiver.healthie.ExpectedRegistration;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Checks the {@code --url} and {@code --events} of {@code receiver register} and {@code receiver
 * webhooks update} before the Healthie API is called: a registration that cannot work is a usage
 * error (exit 2) here, not a webhook that never arrives.
 */
public final class WebhookArgs {
    /** The guide's four events, registered when {@code --events} is not given. */
    static final List<String> DEFAULT_EVENTS = ExpectedRegistration.GUIDE_EVENTS;

    private WebhookArgs() {}

    /**
     * Adds an "Event types" section, one full name a line, before the example of a command with
     * {@code --events} (picocli would wrap a comma-separated list inside the names, at the dots).
     */
    static final class EventTypesSection implements CommandLine.IModelTransformer {
        static final String KEY = "eventTypes";

        @Override
        public CommandSpec transform(CommandSpec spec) {
            UsageMessageSpec usage = spec.usageMessage();
            if (usage.sectionKeys().contains(KEY)) {
                return spec;
            }
            Map<String, CommandLine.IHelpSectionRenderer> sections = new LinkedHashMap<>(usage.sectionMap());
            sections.put(KEY, help -> {
                StringBuilder b = new StringBuilder(String.format("%nEvent types for --events:%n"));
                EventTypes.appointmentFamily()
                        .forEach(e -> b.append("  ").append(e).append(System.lineSeparator()));
                return b.toString();
            });
            List<String> keys = new ArrayList<>(usage.sectionKeys());
            keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), KEY);
            usage.sectionMap(sections).sectionKeys(keys);
            return spec;
        }
    }

    /** {@code value} when it is an absolute http(s) URL with a host. */
    public static String url(String value) {
        URI uri = null;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            // reported below
        }
        boolean http = uri != null
                && uri.getScheme() != null
                && (uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"));
        if (!http || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw CliFailure.usage(
                    "--url '" + value + "' is not an absolute http(s) URL with a host; give the public URL "
                            + "Healthie will post to, e.g. https://scribe.example.com/healthie-webhooks");
        }
        return value;
    }

    /** The given event types without repeats, each one of {@link EventTypes#appointmentFamily()}. */
    public static List<String> events(List<String> given) {
        Set<String> out = new LinkedHashSet<>();
        for (String raw : given) {
            String e = raw.trim();
            if (e.isEmpty()) {
                throw CliFailure.usage("--events has an empty entry; give comma-separated event types such as "
                        + EventTypes.APPOINTMENT_TRANSCRIPT_AVAILABLE);
            }
            if (!EventTypes.isKnown(e)) {
                throw CliFailure.usage("--events: '" + e + "' is not a known event type; "
                        + suggestion(e)
                                .map(s -> "did you mean " + s + "?")
                                .orElse("expected one of " + String.join(", ", EventTypes.appointmentFamily())));
            }
            out.add(e);
        }
        return new ArrayList<>(out);
    }

    private static Optional<String> suggestion(String e) {
        String n = e.toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return EventTypes.appointmentFamily().stream()
                .filter(k -> k.equals(n)
                        || k.endsWith("." + n)
                        || k.replace('.', '_').equals(n))
                .findFirst();
    }
}
