package io.scribehook.signatures.sf;

/** A member of a List or a Dictionary value: an {@link Item} or an {@link InnerList}. */
public sealed interface ListMember permits Item, InnerList {
    Parameters params();
}
