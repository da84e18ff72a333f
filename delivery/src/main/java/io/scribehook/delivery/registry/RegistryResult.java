package io.scribehook.delivery.registry;

import java.util.List;
import java.util.Objects;

/** What a change to the registry did: {@link Saved}, {@link Invalid} (field errors) or {@link NotFound}. */
public sealed interface RegistryResult {
    /** The webhook as stored after the change. */
    record Saved(Webhook webhook) implements RegistryResult {
        public Saved {
            Objects.requireNonNull(webhook, "webhook");
        }
    }

    /** Nothing changed: the input has these errors (at least one). */
    record Invalid(List<FieldError> errors) implements RegistryResult {
        public Invalid {
            if (errors == null || errors.isEmpty()) {
                throw new IllegalArgumentException("an Invalid result names at least one field error");
            }
            errors = List.copyOf(errors);
        }
    }

    /** No webhook has this id. */
    record NotFound(long id) implements RegistryResult {}
}
