package io.scribehook.signatures.sf;

import java.util.List;

/** An inner list {@code (a b c);p=1}: items and the list's own parameters. */
public record InnerList(List<Item> items, Parameters params) implements ListMember {
    public InnerList {
        items = List.copyOf(items);
        params = params == null ? Parameters.empty() : params;
    }

    @Override
    public String toString() {
        return StructuredFields.serialize(this);
    }
}
