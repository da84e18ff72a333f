package io.scribehook.signatures.sf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** A Dictionary: ordered, unique keys mapped to items or inner lists. */
public final class Dictionary {
  private static final Dictionary EMPTY = new Dictionary(Map.of(), Map.of());
  private final Map<String, ListMember> members;
  /** For parsed dictionaries: the text of each member value that was already in canonical form. */
  private final Map<String, String> canonicalText;

  private Dictionary(Map<String, ListMember> members, Map<String, String> canonicalText) {
    this.members = members;
    this.canonicalText = canonicalText;
  }

  public static Dictionary empty() {
    return EMPTY;
  }

  /** A dictionary from an ordered map (copied). */
  public static Dictionary of(Map<String, ? extends ListMember> members) {
    LinkedHashMap<String, ListMember> copy = new LinkedHashMap<>();
    members.forEach((k, v) -> copy.put(Objects.requireNonNull(k), Objects.requireNonNull(v)));
    return new Dictionary(Collections.unmodifiableMap(copy), Map.of());
  }

  static Dictionary wrap(LinkedHashMap<String, ListMember> owned, Map<String, String> canonicalText) {
    return owned.isEmpty() ? EMPTY : new Dictionary(Collections.unmodifiableMap(owned), canonicalText);
  }

  /**
   * For a parsed dictionary, the member value's text exactly as received when that text is already
   * the canonical serialisation (so {@code serialize(get(key))} would return the same string); null
   * otherwise. Lets a verifier skip re-serialising a Signature-Input member.
   */
  public String canonicalText(String key) {
    return canonicalText.get(key);
  }

  /** The member for {@code key}, or null. */
  public ListMember get(String key) {
    return members.get(key);
  }

  public Set<String> keys() {
    return members.keySet();
  }

  public Map<String, ListMember> asMap() {
    return members;
  }

  public int size() {
    return members.size();
  }

  public boolean isEmpty() {
    return members.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Dictionary d && members.equals(d.members);
  }

  @Override
  public int hashCode() {
    return members.hashCode();
  }

  @Override
  public String toString() {
    return StructuredFields.serialize(this);
  }
}
