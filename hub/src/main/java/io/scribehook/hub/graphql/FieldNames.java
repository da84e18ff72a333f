package io.scribehook.hub.graphql;

import java.util.Map;

/** The two spellings of a field: the real API's snake_case and the guide's camelCase. */
public final class FieldNames {
    private FieldNames() {}

    /** {@code otherParty} → {@code other_party}; snake_case names come back unchanged. */
    public static String snake(String name) {
        StringBuilder b = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                b.append('_').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** {@code other_party} → {@code otherParty}. */
    public static String camel(String name) {
        StringBuilder b = new StringBuilder(name.length());
        boolean up = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    /** Whether an input map holds {@code snakeName} in either spelling. */
    public static boolean has(Map<String, Object> input, String snakeName) {
        return input.containsKey(snakeName) || input.containsKey(camel(snakeName));
    }

    /** The value of {@code snakeName} in either spelling (snake_case wins when both are given). */
    public static Object get(Map<String, Object> input, String snakeName) {
        return input.containsKey(snakeName) ? input.get(snakeName) : input.get(camel(snakeName));
    }
}
