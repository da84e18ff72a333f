package io.scribehook.signatures.rfc9421;

import io.scribehook.signatures.Reason;
import io.scribehook.signatures.sf.BareItem;
import io.scribehook.signatures.sf.InnerList;
import io.scribehook.signatures.sf.Item;
import io.scribehook.signatures.sf.Parameters;
import io.scribehook.signatures.sf.StructuredFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The covered components and the signature parameters of one signature (RFC 9421 section 2.3): the
 * value of a Signature-Input member and of the {@code @signature-params} line. Parameter order is
 * kept as built or as received.
 *
 * <pre>{@code
 * SignatureParameters p = SignatureParameters.builder()
 *     .components(ComponentId.METHOD, ComponentId.PATH, ComponentId.field("content-digest"))
 *     .created(Instant.now()).keyid("k1").alg(SignatureAlgorithm.HMAC_SHA256).tag("my-app")
 *     .build();
 * }</pre>
 */
public record SignatureParameters(List<ComponentId> components, Parameters params) {
    private static final Set<String> COMPONENT_PARAMS = Set.of("sf", "key", "bs", "req", "tr", "name");

    public SignatureParameters {
        components = List.copyOf(components);
        params = params == null ? Parameters.empty() : params;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The {@code created} parameter (seconds since the epoch). */
    public OptionalLong created() {
        return longParam("created");
    }

    /** The {@code expires} parameter (seconds since the epoch). */
    public OptionalLong expires() {
        return longParam("expires");
    }

    public Optional<String> nonce() {
        return stringParam("nonce");
    }

    /** The {@code alg} parameter as sent (may name an unknown algorithm). */
    public Optional<String> alg() {
        return stringParam("alg");
    }

    public Optional<String> keyid() {
        return stringParam("keyid");
    }

    public Optional<String> tag() {
        return stringParam("tag");
    }

    private OptionalLong longParam(String key) {
        return params.get(key) instanceof BareItem.Int i ? OptionalLong.of(i.value()) : OptionalLong.empty();
    }

    private Optional<String> stringParam(String key) {
        return params.get(key) instanceof BareItem.Str s ? Optional.of(s.value()) : Optional.empty();
    }

    /** As an inner list: {@code ("@method" ...);created=...}. */
    public InnerList toInnerList() {
        List<Item> items = new ArrayList<>(components.size());
        for (ComponentId c : components) {
            items.add(c.toItem());
        }
        return new InnerList(items, params);
    }

    /** The serialised value, as in Signature-Input and on the {@code @signature-params} line. */
    public String serialize() {
        StringBuilder sb = new StringBuilder(64 + 24 * components.size());
        appendTo(sb);
        return sb.toString();
    }

    void appendTo(StringBuilder sb) {
        sb.append('(');
        for (int i = 0; i < components.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            components.get(i).appendTo(sb);
        }
        sb.append(')');
        StructuredFields.appendParameters(sb, params);
    }

    @Override
    public String toString() {
        return serialize();
    }

    /**
     * Reads a Signature-Input member. Fails with {@code malformed_signature_input} when a component
     * identifier is not a string, names {@code @signature-params}, is not lowercase, or carries an
     * unknown or mistyped parameter, or when {@code created}/{@code expires} are not integers or
     * {@code nonce}/{@code alg}/{@code keyid}/{@code tag} are not strings; with {@code
     * duplicate_component} when an identifier occurs twice.
     */
    public static SignatureParameters parse(InnerList list) throws HttpSignatureException {
        List<Item> items = list.items();
        ComponentId[] components = new ComponentId[items.size()];
        for (int n = 0; n < components.length; n++) {
            Item item = items.get(n);
            if (!(item.value() instanceof BareItem.Str s)) {
                throw malformed("a component identifier is not a string");
            }
            String name = s.value();
            ComponentId id = item.params().isEmpty() ? ComponentId.COMMON.get(name) : null;
            if (id == null) {
                checkComponentName(name);
                checkComponentParams(name, item.params());
                id = new ComponentId(name, item.params());
            }
            for (int i = 0; i < n; i++) {
                if (components[i].equals(id)) {
                    throw new HttpSignatureException(
                            Reason.DUPLICATE_COMPONENT, "component " + id.serialize() + " is covered twice");
                }
            }
            components[n] = id;
        }
        Parameters params = list.params();
        for (int i = 0; i < params.size(); i++) {
            String key = params.keyAt(i);
            BareItem v = params.valueAt(i);
            switch (key) {
                case "created", "expires" -> {
                    if (!(v instanceof BareItem.Int number) || number.value() < 0) {
                        throw malformed("parameter " + key + " is not a non-negative integer");
                    }
                }
                case "nonce", "alg", "keyid", "tag" -> {
                    if (!(v instanceof BareItem.Str)) {
                        throw malformed("parameter " + key + " is not a string");
                    }
                }
                default -> {
                    // other parameters are kept and covered, not interpreted
                }
            }
        }
        return new SignatureParameters(Arrays.asList(components), params);
    }

    private static void checkComponentName(String name) throws HttpSignatureException {
        if (name.isEmpty()) {
            throw malformed("an empty component name");
        }
        if (name.equals("@signature-params")) {
            throw malformed("@signature-params must not be a covered component");
        }
        int from = name.charAt(0) == '@' ? 1 : 0;
        if (from == name.length()) {
            throw malformed("an empty derived component name");
        }
        for (int i = from; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                throw malformed("component name is not a lowercase field or derived name");
            }
        }
    }

    private static void checkComponentParams(String name, Parameters params) throws HttpSignatureException {
        for (int i = 0; i < params.size(); i++) {
            String k = params.keyAt(i);
            BareItem value = params.valueAt(i);
            if (!COMPONENT_PARAMS.contains(k)) {
                throw malformed("component " + name + " has an unsupported parameter " + k);
            }
            boolean stringParam = k.equals("key") || k.equals("name");
            if (stringParam ? !(value instanceof BareItem.Str) : !(value instanceof BareItem.Bool b && b.value())) {
                throw malformed("component parameter " + k + " has the wrong type");
            }
        }
    }

    private static HttpSignatureException malformed(String message) {
        return new HttpSignatureException(Reason.MALFORMED_SIGNATURE_INPUT, message);
    }

    /** Builds parameters in call order; unknown parameters can be added with {@link #param}. */
    public static final class Builder {
        private final List<ComponentId> components = new ArrayList<>();
        private final LinkedHashMap<String, BareItem> params = new LinkedHashMap<>();

        private Builder() {}

        public Builder components(ComponentId... ids) {
            components.addAll(Arrays.asList(ids));
            return this;
        }

        public Builder components(List<ComponentId> ids) {
            components.addAll(ids);
            return this;
        }

        public Builder component(ComponentId id) {
            components.add(Objects.requireNonNull(id));
            return this;
        }

        public Builder created(long epochSeconds) {
            return param("created", new BareItem.Int(epochSeconds));
        }

        public Builder created(Instant created) {
            return created(created.getEpochSecond());
        }

        public Builder expires(long epochSeconds) {
            return param("expires", new BareItem.Int(epochSeconds));
        }

        public Builder expires(Instant expires) {
            return expires(expires.getEpochSecond());
        }

        public Builder nonce(String nonce) {
            return param("nonce", new BareItem.Str(nonce));
        }

        public Builder alg(SignatureAlgorithm alg) {
            return param("alg", new BareItem.Str(alg.id()));
        }

        public Builder keyid(String keyid) {
            return param("keyid", new BareItem.Str(keyid));
        }

        public Builder tag(String tag) {
            return param("tag", new BareItem.Str(tag));
        }

        public Builder param(String key, BareItem value) {
            if (!StructuredFields.isValidKey(key)) {
                throw new IllegalArgumentException("not a parameter key: " + key);
            }
            params.put(key, Objects.requireNonNull(value));
            return this;
        }

        public SignatureParameters build() {
            return new SignatureParameters(components, Parameters.of(params));
        }
    }
}
