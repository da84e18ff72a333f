package io.scribehook.core.event;

/** The two thin-payload body shapes in the wild (CONVENTIONS.md names them {@code reference} and {@code guide}). */
public enum BodyShape {
    /**
     * Healthie's API reference, what the real sender emits:
     * {@code {"resource_id", "resource_id_type", "event_type", "changed_fields", ...extras}} with the
     * extras ({@code host_user_id}, {@code user_name}, {@code user_email}, {@code event_ts},
     * {@code resource_organization_id}) at the top level.
     */
    REFERENCE,
    /**
     * The seed guide's code samples, what users copy:
     * {@code {"event", "resource_type", "resource_id", "data": {...extras}}} with the extras
     * (e.g. {@code updated_at}, {@code created_at}, {@code user_name}) inside {@code data}.
     */
    GUIDE;

    /** The lower-case name used in configuration and docs: {@code reference} or {@code guide}. */
    public String configName() {
        return this == REFERENCE ? "reference" : "guide";
    }
}
