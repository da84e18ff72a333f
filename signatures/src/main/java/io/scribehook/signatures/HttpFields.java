package io.scribehook.signatures;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP header fields: case-insensitive names, several values per name, insertion order kept.
 * Immutable; build with {@link #builder()} or {@link #of(Map)}.
 */
public final class HttpFields {
    private static final HttpFields EMPTY = new HttpFields(new LinkedHashMap<>());

    /** Lowercased name to (first-seen name, values). */
    private final LinkedHashMap<String, Field> fields;

    private record Field(String name, List<String> values) {}

    private HttpFields(LinkedHashMap<String, Field> fields) {
        this.fields = fields;
    }

    public static HttpFields empty() {
        return EMPTY;
    }

    /** Fields from a map such as {@code java.net.http.HttpHeaders.map()}; names differing only in case merge. */
    public static HttpFields of(Map<String, List<String>> map) {
        Builder b = builder();
        map.forEach((name, values) -> {
            if (name != null && values != null) {
                for (String v : values) {
                    if (v != null) {
                        b.add(name, v);
                    }
                }
            }
        });
        return b.build();
    }

    /** Fields from alternating names and values: {@code of("Host", "example.com", "Date", "...")}. */
    public static HttpFields of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Builder b = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these fields, to add or replace some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        fields.values().forEach(f -> f.values.forEach(v -> b.add(f.name, v)));
        return b;
    }

    /** The first value of {@code name}. */
    public Optional<String> first(String name) {
        Field f = field(name);
        return f == null ? Optional.empty() : Optional.of(f.values.get(0));
    }

    /** All values of {@code name}, in order; empty when absent. */
    public List<String> all(String name) {
        Field f = field(name);
        return f == null ? List.of() : f.values;
    }

    /**
     * The field's values combined as RFC 9110 section 5.3 and RFC 9421 section 2.1 do it: each line
     * trimmed of leading and trailing whitespace, lines joined with {@code ", "}; null when absent.
     */
    public String combined(String name) {
        Field f = field(name);
        if (f == null) {
            return null;
        }
        List<String> values = f.values;
        if (values.size() == 1) {
            return values.get(0).strip();
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(values.get(i).strip());
        }
        return sb.toString();
    }

    public boolean contains(String name) {
        return field(name) != null;
    }

    /** Names are stored lowercased; most callers already pass lowercase names, so try that first. */
    private Field field(String name) {
        Field f = fields.get(name);
        return f != null ? f : fields.get(lower(name));
    }

    /** The field names as first seen, in order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(fields.size());
        fields.values().forEach(f -> names.add(f.name));
        return names;
    }

    /** An unmodifiable map from each name (as first seen) to its values. */
    public Map<String, List<String>> asMap() {
        LinkedHashMap<String, List<String>> map = new LinkedHashMap<>();
        fields.values().forEach(f -> map.put(f.name, f.values));
        return Collections.unmodifiableMap(map);
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpFields h && asLowerMap().equals(h.asLowerMap());
    }

    private Map<String, List<String>> asLowerMap() {
        LinkedHashMap<String, List<String>> map = new LinkedHashMap<>();
        fields.forEach((k, f) -> map.put(k, f.values));
        return map;
    }

    @Override
    public int hashCode() {
        return asLowerMap().hashCode();
    }

    /** Names only: values may hold credentials. */
    @Override
    public String toString() {
        return "HttpFields" + names();
    }

    static String lower(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return name.toLowerCase(Locale.ROOT);
            }
        }
        return name;
    }

    /** Collects fields; {@link #build()} can be called more than once. */
    public static final class Builder {
        private final LinkedHashMap<String, Field> fields = new LinkedHashMap<>();

        private Builder() {}

        /** Adds a value for {@code name} after any existing ones. */
        public Builder add(String name, String value) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a field name must not be empty");
            }
            if (value == null) {
                throw new IllegalArgumentException("a field value must not be null");
            }
            Field f = fields.computeIfAbsent(lower(name), k -> new Field(name, new ArrayList<>(1)));
            f.values.add(value);
            return this;
        }

        /** Replaces all values of {@code name} with {@code value}. */
        public Builder set(String name, String value) {
            remove(name);
            return add(name, value);
        }

        public Builder remove(String name) {
            fields.remove(lower(name));
            return this;
        }

        /** Adds every entry of {@code map} (e.g. the headers {@link WebhookSigner#sign} returns). */
        public Builder addAll(Map<String, String> map) {
            map.forEach(this::add);
            return this;
        }

        public HttpFields build() {
            LinkedHashMap<String, Field> copy = new LinkedHashMap<>();
            fields.forEach((k, f) -> copy.put(k, new Field(f.name, List.copyOf(f.values))));
            return new HttpFields(copy);
        }
    }
}
