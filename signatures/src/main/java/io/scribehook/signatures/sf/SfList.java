package io.scribehook.signatures.sf;

import java.util.List;

/** A List structured field: items and inner lists in order. */
public record SfList(List<ListMember> members) {
    public SfList {
        members = List.copyOf(members);
    }

    @Override
    public String toString() {
        return StructuredFields.serialize(this);
    }
}
