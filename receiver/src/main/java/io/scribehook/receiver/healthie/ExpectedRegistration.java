package io.scribehook.receiver.healthie;

import io.scribehook.core.event.EventTypes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What this receiver's registrations at Healthie should look like, as {@code scribehook receiver
 * register} makes them: a registration is <em>ours</em> when its URL's path is the receiver's
 * public webhook path ({@code SCRIBEHOOK_WEBHOOK_PUBLIC_PATH}, by default the webhook path); when
 * the public URL is known too it must be exactly that URL, and it must subscribe to every expected
 * event type (by default the guide's four, which {@code register} subscribes to).
 *
 * @param publicPath the path Healthie posts to
 * @param publicUrl the full URL Healthie should post to, or null when not known
 * @param eventTypes the event types every registration of ours must carry
 */
public record ExpectedRegistration(String publicPath, String publicUrl, List<String> eventTypes) {
    /** The guide's four events: {@code register}'s default and what a registration of ours must carry by default. */
    public static final List<String> GUIDE_EVENTS = List.of(
            EventTypes.APPOINTMENT_TRANSCRIPT_AVAILABLE,
            EventTypes.APPOINTMENT_RECORDING_STARTED,
            EventTypes.APPOINTMENT_RECORDING_STOPPED,
            EventTypes.APPOINTMENT_PARTICIPANT_JOINED);

    public ExpectedRegistration {
        Objects.requireNonNull(publicPath, "publicPath");
        eventTypes = List.copyOf(eventTypes);
    }

    /** Registrations of ours at {@code path}, with the guide's events. */
    public static ExpectedRegistration atPath(String path) {
        return new ExpectedRegistration(path, null, GUIDE_EVENTS);
    }

    /** Whether {@code w} posts to this receiver's path (whatever its host). */
    public boolean isOurs(Webhook w) {
        return publicPath.equals(path(w.url()));
    }

    /** Of {@code all}, the registrations that are ours, in the order given. */
    public List<Webhook> ours(List<Webhook> all) {
        return all.stream().filter(this::isOurs).toList();
    }

    /** Expected event types {@code w} does not subscribe to, in the expected order. */
    public List<String> missingEvents(Webhook w) {
        List<String> missing = new ArrayList<>(eventTypes);
        missing.removeAll(w.eventTypes());
        return missing;
    }

    /** Whether {@code w}'s URL differs from the known public URL (false when none is known). */
    public boolean urlDiffers(Webhook w) {
        return publicUrl != null && !publicUrl.equals(w.url());
    }

    private static String path(String url) {
        try {
            String p = new URI(url).getPath();
            return p == null || p.isEmpty() ? "/" : p;
        } catch (URISyntaxException | NullPointerException e) {
            return null;
        }
    }
}
