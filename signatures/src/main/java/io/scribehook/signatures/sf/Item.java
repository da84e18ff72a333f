package io.scribehook.signatures.sf;

import java.util.Objects;

/** A bare item with its parameters. */
public record Item(BareItem value, Parameters params) implements ListMember {
    public Item {
        Objects.requireNonNull(value, "value");
        params = params == null ? Parameters.empty() : params;
    }

    public static Item of(BareItem value) {
        return new Item(value, Parameters.empty());
    }

    @Override
    public String toString() {
        return StructuredFields.serialize(this);
    }
}
