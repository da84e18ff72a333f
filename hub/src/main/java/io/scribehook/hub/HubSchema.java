package io.scribehook.hub;

import io.scribehook.store.ModuleSchema;

/** The hub's tables: migrations under {@code db/hub/<dialect>}, history in {@code hub_schema_history}. */
public final class HubSchema implements ModuleSchema {
    @Override
    public String module() {
        return "hub";
    }
}
