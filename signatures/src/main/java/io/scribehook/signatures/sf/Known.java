package io.scribehook.signatures.sf;

/**
 * Strings that recur in signature fields (keys, component names, algorithm names). The parser
 * returns these constants instead of new substrings: fewer allocations, and equality checks that
 * succeed on identity. Unknown text is still copied out, so nothing attacker-chosen is cached.
 */
final class Known {
    private static final String[] WORDS = {
        // signature parameters and component parameters
        "created",
        "expires",
        "nonce",
        "alg",
        "keyid",
        "tag",
        "sf",
        "key",
        "bs",
        "req",
        "tr",
        "name",
        // labels and digest algorithms
        "sig1",
        "sig2",
        "sha-256",
        "sha-512",
        // derived components and common fields
        "@method",
        "@target-uri",
        "@authority",
        "@scheme",
        "@request-target",
        "@path",
        "@query",
        "@query-param",
        "@status",
        "content-digest",
        "content-type",
        "content-length",
        "date",
        "host",
        "digest",
        "authorization",
        // algorithms and the healthie tag
        "hmac-sha256",
        "ed25519",
        "ecdsa-p256-sha256",
        "ecdsa-p384-sha384",
        "rsa-pss-sha512",
        "rsa-v1_5-sha256",
        "healthie-webhook",
    };
    /** Open addressing by {@link String#hashCode()}; the table is at least four times the word count. */
    private static final String[] TABLE = new String[256];
    /** For each table slot, the word as a parameterless string item (items are immutable: safe to share). */
    private static final Item[] ITEMS = new Item[256];

    static {
        for (String w : WORDS) {
            int slot = w.hashCode() & (TABLE.length - 1);
            while (TABLE[slot] != null) {
                slot = (slot + 1) & (TABLE.length - 1);
            }
            TABLE[slot] = w;
            ITEMS[slot] = new Item(new BareItem.Str(w), Parameters.empty());
        }
    }

    /** A string item for {@code word}: the shared one when it is a known word (by identity). */
    static BareItem.Str str(String word) {
        Item known = item(word);
        return known != null ? (BareItem.Str) known.value() : new BareItem.Str(word);
    }

    /** The shared parameterless string item for a known word (by identity), or null. */
    static Item item(String word) {
        int slot = word.hashCode() & (TABLE.length - 1);
        String c;
        while ((c = TABLE[slot]) != null) {
            if (c == word) {
                return ITEMS[slot];
            }
            slot = (slot + 1) & (TABLE.length - 1);
        }
        return null;
    }

    private Known() {}

    /**
     * {@code in.substring(from, to)}, as a shared constant when it is a known word. {@code hash} is
     * the {@link String#hashCode()} of that span, computed by the caller while scanning it.
     */
    static String string(String in, int from, int to, int hash) {
        int n = to - from;
        int slot = hash & (TABLE.length - 1);
        String c;
        while ((c = TABLE[slot]) != null) {
            if (c.hashCode() == hash && c.length() == n && in.regionMatches(from, c, 0, n)) {
                return c;
            }
            slot = (slot + 1) & (TABLE.length - 1);
        }
        return in.substring(from, to);
    }
}
