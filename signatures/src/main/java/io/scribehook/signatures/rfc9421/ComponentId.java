package io.scribehook.signatures.rfc9421;

import io.scribehook.signatures.sf.BareItem;
import io.scribehook.signatures.sf.Item;
import io.scribehook.signatures.sf.Parameters;
import io.scribehook.signatures.sf.StructuredFields;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A component identifier (RFC 9421 section 2): a derived component name ({@code @method}) or a
 * lowercased field name ({@code content-type}), with parameters ({@code sf}, {@code key}, {@code
 * bs}, {@code req}, {@code tr}, {@code name}). Equality ignores parameter order.
 *
 * <pre>{@code
 * ComponentId.of("@method");
 * ComponentId.field("Content-Digest");              // "content-digest"
 * ComponentId.queryParam("Pet");                    // "@query-param";name="Pet"
 * ComponentId.field("signature").key("sig1").req(); // "signature";key="sig1";req
 * }</pre>
 */
public record ComponentId(String name, Parameters params) {
    /** The derived component names of RFC 9421 section 2.2. */
    public static final Set<String> DERIVED = Set.of(
            "@method",
            "@target-uri",
            "@authority",
            "@scheme",
            "@request-target",
            "@path",
            "@query",
            "@query-param",
            "@status");

    public static final ComponentId METHOD = of("@method");
    public static final ComponentId TARGET_URI = of("@target-uri");
    public static final ComponentId AUTHORITY = of("@authority");
    public static final ComponentId SCHEME = of("@scheme");
    public static final ComponentId REQUEST_TARGET = of("@request-target");
    public static final ComponentId PATH = of("@path");
    public static final ComponentId QUERY = of("@query");
    public static final ComponentId STATUS = of("@status");

    /** Parameterless identifiers that recur, shared by the parser (no attacker-chosen entries). */
    static final java.util.Map<String, ComponentId> COMMON;

    static {
        java.util.Map<String, ComponentId> m = new java.util.HashMap<>();
        for (ComponentId id : List.of(METHOD, TARGET_URI, AUTHORITY, SCHEME, REQUEST_TARGET, PATH, QUERY, STATUS)) {
            m.put(id.name(), id);
        }
        for (String field : List.of(
                "content-digest", "content-type", "content-length", "date", "host", "digest", "authorization")) {
            m.put(field, of(field));
        }
        COMMON = java.util.Map.copyOf(m);
    }

    public ComponentId {
        Objects.requireNonNull(name, "name");
        params = params == null ? Parameters.empty() : params;
    }

    /** A component by its exact name: {@code @method}, or a lowercase field name. */
    public static ComponentId of(String name) {
        return new ComponentId(name, Parameters.empty());
    }

    /** A header field component; the name is lowercased. */
    public static ComponentId field(String fieldName) {
        return of(fieldName.toLowerCase(Locale.ROOT));
    }

    /** {@code "@query-param";name="<encodedName>"}. */
    public static ComponentId queryParam(String encodedName) {
        return of("@query-param").with("name", new BareItem.Str(encodedName));
    }

    public boolean isDerived() {
        return name.startsWith("@");
    }

    /** With the {@code sf} flag (strict structured-field serialisation). */
    public ComponentId sf() {
        return with("sf", BareItem.Bool.TRUE);
    }

    /** With {@code key="member"} (one member of a dictionary field). */
    public ComponentId key(String member) {
        return with("key", new BareItem.Str(member));
    }

    /** With the {@code bs} flag (each field line wrapped as a byte sequence). */
    public ComponentId bs() {
        return with("bs", BareItem.Bool.TRUE);
    }

    /** With the {@code req} flag (the value comes from the request of a signed response). */
    public ComponentId req() {
        return with("req", BareItem.Bool.TRUE);
    }

    /** With the {@code tr} flag (a trailer field). */
    public ComponentId tr() {
        return with("tr", BareItem.Bool.TRUE);
    }

    public ComponentId with(String param, BareItem value) {
        return new ComponentId(name, params.with(param, value));
    }

    /** True when the flag parameter {@code param} is present. */
    public boolean flag(String param) {
        return params.has(param);
    }

    /** The string value of parameter {@code param}, or null. */
    public String stringParam(String param) {
        return params.get(param) instanceof BareItem.Str s ? s.value() : null;
    }

    /** This identifier as an item of the covered-components inner list. */
    public Item toItem() {
        return new Item(new BareItem.Str(name), params);
    }

    /** The serialised identifier, e.g. {@code "@query-param";name="Pet"}. */
    public String serialize() {
        StringBuilder sb = new StringBuilder(name.length() + 8);
        appendTo(sb);
        return sb.toString();
    }

    void appendTo(StringBuilder sb) {
        StructuredFields.appendString(sb, name);
        if (!params.isEmpty()) {
            StructuredFields.appendParameters(sb, params);
        }
    }

    @Override
    public String toString() {
        return serialize();
    }
}
