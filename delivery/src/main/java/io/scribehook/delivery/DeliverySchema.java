package io.scribehook.delivery;

import io.scribehook.store.ModuleSchema;

/**
 * The delivery module's tables (webhook registry, events, messages, attempt log): migrations under
 * {@code db/delivery/<dialect>}, history in {@code delivery_schema_history}.
 */
public final class DeliverySchema implements ModuleSchema {
    @Override
    public String module() {
        return "delivery";
    }
}
