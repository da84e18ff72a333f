package io.scribehook.signatures.sf;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Dictionary: ordered, unique keys mapped to items or inner lists. Backed by small arrays (signature
 * fields have one or two members); {@link #asMap()} builds a map view on demand.
 */
public final class Dictionary {
    private static final Dictionary EMPTY = new Dictionary(new String[0], new ListMember[0], null, null, 0);
    private final String[] keys;
    private final ListMember[] members;
    /** For parsed dictionaries: the field text, and per member the span of its text when canonical (-1 if not). */
    private final String source;

    private final int[] spans;
    private final int size;

    private Dictionary(String[] keys, ListMember[] members, String source, int[] spans, int size) {
        this.keys = keys;
        this.members = members;
        this.source = source;
        this.spans = spans;
        this.size = size;
    }

    public static Dictionary empty() {
        return EMPTY;
    }

    /** A dictionary from an ordered map (copied). */
    public static Dictionary of(Map<String, ? extends ListMember> members) {
        String[] k = new String[members.size()];
        ListMember[] m = new ListMember[members.size()];
        int i = 0;
        for (Map.Entry<String, ? extends ListMember> e : members.entrySet()) {
            k[i] = Objects.requireNonNull(e.getKey());
            m[i++] = Objects.requireNonNull(e.getValue());
        }
        return i == 0 ? EMPTY : new Dictionary(k, m, null, null, i);
    }

    /** Used by the parser; the arrays are owned by the new instance. */
    static Dictionary wrap(String[] keys, ListMember[] members, String source, int[] spans, int size) {
        return size == 0 ? EMPTY : new Dictionary(keys, members, source, spans, size);
    }

    private int indexOf(String key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** The member for {@code key}, or null. */
    public ListMember get(String key) {
        int i = indexOf(key);
        return i < 0 ? null : members[i];
    }

    /** The keys in order. */
    public List<String> keys() {
        return Collections.unmodifiableList(Arrays.asList(keys).subList(0, size));
    }

    /** The key at {@code index} (0 to {@link #size()} - 1). */
    public String keyAt(int index) {
        Objects.checkIndex(index, size);
        return keys[index];
    }

    /** The member at {@code index}. */
    public ListMember memberAt(int index) {
        Objects.checkIndex(index, size);
        return members[index];
    }

    /**
     * For a parsed dictionary, the member value's text exactly as received when that text is already
     * the canonical serialisation (so {@code serialize(get(key))} would return the same string); null
     * otherwise. Lets a verifier skip re-serialising a Signature-Input member.
     */
    public String canonicalText(String key) {
        int i = spans == null ? -1 : indexOf(key);
        return i < 0 || spans[2 * i] < 0 ? null : source.substring(spans[2 * i], spans[2 * i + 1]);
    }

    /** Appends {@link #canonicalText(String)} to {@code sb} without copying it out first; false if there is none. */
    public boolean appendCanonicalText(String key, StringBuilder sb) {
        int i = spans == null ? -1 : indexOf(key);
        if (i < 0 || spans[2 * i] < 0) {
            return false;
        }
        sb.append(source, spans[2 * i], spans[2 * i + 1]);
        return true;
    }

    /** The members in order, as a new unmodifiable map. */
    public Map<String, ListMember> asMap() {
        LinkedHashMap<String, ListMember> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            map.put(keys[i], members[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Dictionary d) || d.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (!members[i].equals(d.get(keys[i]))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < size; i++) {
            h += keys[i].hashCode() ^ members[i].hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        return StructuredFields.serialize(this);
    }
}
