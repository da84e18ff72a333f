package io.scribehook.signatures.rfc9421;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verification keys a verifier trusts, looked up by {@code keyid}. Several keys may be valid at
 * once (rotation), including several under one key id. Immutable and thread-safe.
 */
public final class KeySet {
    private final Map<String, List<VerificationKey>> byId;
    private final List<VerificationKey> all;

    private KeySet(Collection<VerificationKey> keys) {
        LinkedHashMap<String, List<VerificationKey>> map = new LinkedHashMap<>();
        for (VerificationKey k : keys) {
            map.computeIfAbsent(k.keyId(), id -> new ArrayList<>(1)).add(k);
        }
        map.replaceAll((id, list) -> List.copyOf(list));
        this.byId = Collections.unmodifiableMap(map);
        this.all = List.copyOf(keys);
    }

    public static KeySet of(VerificationKey... keys) {
        return new KeySet(List.of(keys));
    }

    public static KeySet of(Collection<VerificationKey> keys) {
        return new KeySet(keys);
    }

    /** The keys with this key id (usually one); empty when unknown. */
    public List<VerificationKey> byKeyId(String keyId) {
        List<VerificationKey> keys = byId.get(keyId);
        return keys == null ? List.of() : keys;
    }

    /** Every key, in the order given. */
    public List<VerificationKey> all() {
        return all;
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    @Override
    public String toString() {
        return "KeySet" + byId.keySet();
    }
}
