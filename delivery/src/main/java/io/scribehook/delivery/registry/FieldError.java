package io.scribehook.delivery.registry;

import java.util.Objects;

/**
 * One invalid input field, as GraphQL answers it in {@code messages { field message }}: the field
 * in the API's snake_case ({@code url}, {@code webhook_events}, ...) and a message naming the
 * problem and what is allowed. Never holds a secret.
 */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
