package io.scribehook.delivery.registry;

import java.util.List;

/**
 * Input of {@link WebhookRegistry#create} and {@link WebhookRegistry#update}, with the API's
 * field names in the javadoc (they name the fields of a {@link FieldError}). A null field means
 * "the default" on create and "unchanged" on update; profile and shape are given by name, so an
 * unknown one is a field error rather than an exception.
 *
 * @param url         {@code url}: absolute http(s) URL without user info; required on create
 * @param enabled     {@code is_enabled}; default true
 * @param shouldRetry {@code should_retry}; default true (false: one attempt per event)
 * @param eventTypes  {@code webhook_events}: at least one event type; required on create
 * @param profile     {@code signature_profile}: {@code guide} (default), {@code healthie-api},
 *                    {@code healthie-rfc9421} or {@code standard-webhooks}
 * @param shape       {@code body_shape}: {@code reference} (default) or {@code guide}
 */
public record WebhookInput(
        String url, Boolean enabled, Boolean shouldRetry, List<String> eventTypes, String profile, String shape) {
    public WebhookInput {
        eventTypes = eventTypes == null ? null : List.copyOf(eventTypes);
    }

    /** A webhook for {@code url} subscribed to {@code eventTypes}, every other field the default. */
    public static WebhookInput of(String url, List<String> eventTypes) {
        return new WebhookInput(url, null, null, eventTypes, null, null);
    }

    /** Nothing set: an update that changes nothing. */
    public static WebhookInput unchanged() {
        return new WebhookInput(null, null, null, null, null, null);
    }

    public WebhookInput withUrl(String u) {
        return new WebhookInput(u, enabled, shouldRetry, eventTypes, profile, shape);
    }

    public WebhookInput withEnabled(Boolean e) {
        return new WebhookInput(url, e, shouldRetry, eventTypes, profile, shape);
    }

    public WebhookInput withShouldRetry(Boolean r) {
        return new WebhookInput(url, enabled, r, eventTypes, profile, shape);
    }

    public WebhookInput withEventTypes(List<String> types) {
        return new WebhookInput(url, enabled, shouldRetry, types, profile, shape);
    }

    public WebhookInput withProfile(String p) {
        return new WebhookInput(url, enabled, shouldRetry, eventTypes, p, shape);
    }

    public WebhookInput withShape(String s) {
        return new WebhookInput(url, enabled, shouldRetry, eventTypes, profile, s);
    }
}
