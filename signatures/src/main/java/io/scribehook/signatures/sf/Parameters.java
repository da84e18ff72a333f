package io.scribehook.signatures.sf;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ordered parameters of an item or inner list. Keys are unique; order is kept. Equality ignores
 * order (two component identifiers with the same parameters in another order are equal, RFC 9421
 * section 2). Backed by two small arrays: parameters are few, and lookups scan.
 */
public final class Parameters {
    private static final String[] NO_KEYS = new String[0];
    private static final BareItem[] NO_VALUES = new BareItem[0];
    private static final Parameters EMPTY = new Parameters(NO_KEYS, NO_VALUES, 0);

    private final String[] keys;
    private final BareItem[] values;
    private final int size;

    private Parameters(String[] keys, BareItem[] values, int size) {
        this.keys = keys;
        this.values = values;
        this.size = size;
    }

    public static Parameters empty() {
        return EMPTY;
    }

    /** Parameters from an ordered map (copied). */
    public static Parameters of(Map<String, BareItem> entries) {
        if (entries.isEmpty()) {
            return EMPTY;
        }
        String[] k = new String[entries.size()];
        BareItem[] v = new BareItem[entries.size()];
        int i = 0;
        for (Map.Entry<String, BareItem> e : entries.entrySet()) {
            k[i] = Objects.requireNonNull(e.getKey(), "key");
            v[i] = Objects.requireNonNull(e.getValue(), "value");
            i++;
        }
        return new Parameters(k, v, i);
    }

    /** Used by the parser: the arrays are owned by the new instance and keys are already unique. */
    static Parameters wrap(String[] keys, BareItem[] values, int size) {
        return size == 0 ? EMPTY : new Parameters(keys, values, size);
    }

    /** A copy with {@code key} set to {@code value}; an existing key keeps its position. */
    public Parameters with(String key, BareItem value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        int at = indexOf(key);
        if (at >= 0) {
            BareItem[] v = Arrays.copyOf(values, size);
            v[at] = value;
            return new Parameters(Arrays.copyOf(keys, size), v, size);
        }
        String[] k = Arrays.copyOf(keys, size + 1);
        BareItem[] v = Arrays.copyOf(values, size + 1);
        k[size] = key;
        v[size] = value;
        return new Parameters(k, v, size + 1);
    }

    private int indexOf(String key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** The value for {@code key}, or null. */
    public BareItem get(String key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    public boolean has(String key) {
        return indexOf(key) >= 0;
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

    /** The value at {@code index}. */
    public BareItem valueAt(int index) {
        Objects.checkIndex(index, size);
        return values[index];
    }

    /** The entries in order, as a new unmodifiable map. */
    public Map<String, BareItem> asMap() {
        LinkedHashMap<String, BareItem> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            map.put(keys[i], values[i]);
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
        if (!(o instanceof Parameters p) || p.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (!values[i].equals(p.get(keys[i]))) {
                return false;
            }
        }
        return true;
    }

    /** Order-independent, like {@link Map#hashCode()}. */
    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < size; i++) {
            h += keys[i].hashCode() ^ values[i].hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        return StructuredFields.serializeParameters(this);
    }
}
