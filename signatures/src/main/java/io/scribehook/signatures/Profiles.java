package io.scribehook.signatures;

import io.scribehook.signatures.rfc9421.ComponentId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** The fixed parts of the three webhook profiles, shared by {@link WebhookSigner} and {@link WebhookVerifier}. */
final class Profiles {
    /** Covered components of healthie-rfc9421 (and, informationally, of the legacy Signature-Input). */
    static final List<ComponentId> COMPONENTS = List.of(
            ComponentId.METHOD,
            ComponentId.PATH,
            ComponentId.QUERY,
            ComponentId.of("content-digest"),
            ComponentId.of("content-type"),
            ComponentId.of("content-length"));

    static final String TAG = "healthie-webhook";

    /** The literal content type in the healthie-api base. */
    static final String API_CONTENT_TYPE = "application/json";

    private Profiles() {}

    /**
     * The guide's six lines joined by LF: {@code "@method": POST}, {@code "@path": /p}, {@code
     * "@query": ?q}, then content-digest, content-type and content-length as sent.
     */
    static Buffer guideBase(
            String method, String path, String query, String contentDigest, String contentType, String contentLength) {
        return concat(
                "\"@method\": ",
                method,
                "\n\"@path\": ",
                path,
                "\n\"@query\": ?",
                query == null ? "" : query,
                "\n\"content-digest\": ",
                contentDigest,
                "\n\"content-type\": ",
                contentType,
                "\n\"content-length\": ",
                contentLength);
    }

    /**
     * The API reference's one line: {@code <method lowercased> <path> <query without ?> <digest value>
     * application/json <body length>}; an empty query leaves two spaces in a row.
     */
    static Buffer apiBase(String method, String path, String query, String digestValue, int bodyLength) {
        return concat(
                lowerMethod(method),
                " ",
                path,
                " ",
                query == null ? "" : query,
                " ",
                digestValue,
                " ",
                API_CONTENT_TYPE,
                " ",
                Integer.toString(bodyLength));
    }

    /** A base as bytes: the signed bytes are {@code bytes[0, length)}. */
    static final class Buffer {
        byte[] bytes;
        int length;
    }

    /**
     * The parts joined as UTF-8 bytes, in a new buffer of the exact length (a thread-local one would
     * be new on every virtual thread anyway). ASCII parts are copied directly; any other character sends the whole base through the
     * UTF-8 encoder.
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): a plain copy, right for ASCII
    static Buffer concat(String... parts) {
        int n = 0;
        for (String p : parts) {
            n += p.length();
            if (!ascii(p)) {
                byte[] utf8 = String.join("", parts).getBytes(StandardCharsets.UTF_8);
                Buffer own = new Buffer();
                own.bytes = utf8;
                own.length = utf8.length;
                return own;
            }
        }
        Buffer b = new Buffer();
        b.bytes = new byte[n];
        int at = 0;
        for (String p : parts) {
            p.getBytes(0, p.length(), b.bytes, at);
            at += p.length();
        }
        b.length = at;
        return b;
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String lowerMethod(String method) {
        return switch (method) {
            case "POST" -> "post";
            case "PUT" -> "put";
            case "GET" -> "get";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> method.toLowerCase(Locale.ROOT);
        };
    }

    /** Everything after the first '=' of a legacy Content-Digest value. */
    static String legacyDigestValue(String contentDigest) {
        int eq = contentDigest.indexOf('=');
        return eq < 0 ? "" : contentDigest.substring(eq + 1);
    }

    /** Path and query of a target given as {@code /p?q} or {@code https://h/p?q}. */
    record PathQuery(String prefix, String path, String query) {
        static PathQuery of(String target) {
            String prefix = "";
            String rest = target;
            int sep = target.indexOf("://");
            if (!target.startsWith("/") && sep > 0) {
                int slash = -1;
                for (int i = sep + 3; i < target.length(); i++) {
                    char c = target.charAt(i);
                    if (c == '/' || c == '?' || c == '#') {
                        slash = i;
                        break;
                    }
                }
                prefix = slash < 0 ? target : target.substring(0, slash);
                rest = slash < 0 ? "" : target.substring(slash);
                int hash = rest.indexOf('#');
                if (hash >= 0) {
                    rest = rest.substring(0, hash);
                }
            }
            int q = rest.indexOf('?');
            String path = q < 0 ? rest : rest.substring(0, q);
            String query = q < 0 ? null : rest.substring(q + 1);
            return new PathQuery(prefix, path.isEmpty() ? "/" : path, query);
        }

        /** The same target with another path. */
        String withPath(String newPath) {
            return prefix + newPath + (query == null ? "" : "?" + query);
        }
    }
}
