package io.scribehook.signatures.rfc9421;

import io.scribehook.signatures.HttpMessage;
import java.util.Locale;

/**
 * The parts of a request's target URI: from an absolute {@code targetUri}, or from an origin-form
 * one plus the Host header and a default scheme.
 *
 * @param scheme lowercase scheme
 * @param authority the authority as given (URI or Host header), or null when unknown
 * @param path the absolute path as received, not decoded ("" when absent)
 * @param query the query without '?', not decoded; null when there is no '?'
 * @param requestTarget the request target as on an HTTP/1.1 request line (origin-form for absolute
 *     URIs, the target itself for '*' and authority-form)
 */
record RequestTarget(String scheme, String authority, String path, String query, String requestTarget) {

    static RequestTarget of(HttpMessage m, String defaultScheme) {
        String t = m.targetUri();
        if (t.startsWith("/")) {
            int q = t.indexOf('?');
            String path = q < 0 ? t : t.substring(0, q);
            String query = q < 0 ? null : t.substring(q + 1);
            String host = m.headers().combined("host");
            return new RequestTarget(defaultScheme, host, path, query, t);
        }
        if (t.equals("*")) {
            return new RequestTarget(defaultScheme, m.headers().combined("host"), "", null, t);
        }
        int sep = t.indexOf("://");
        if (sep > 0) {
            String scheme = t.substring(0, sep).toLowerCase(Locale.ROOT);
            int hash = t.indexOf('#');
            String rest = t.substring(sep + 3, hash < 0 ? t.length() : hash);
            int slash = indexOfAny(rest, "/?");
            String authority = slash < 0 ? rest : rest.substring(0, slash);
            String pathAndQuery = slash < 0 ? "" : rest.substring(slash);
            int q = pathAndQuery.indexOf('?');
            String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
            String query = q < 0 ? null : pathAndQuery.substring(q + 1);
            String origin = (path.isEmpty() ? "/" : path) + (query == null ? "" : "?" + query);
            return new RequestTarget(scheme, authority, path, query, origin);
        }
        // authority-form (CONNECT)
        return new RequestTarget(defaultScheme, t, "", null, t);
    }

    /** The path with an empty path normalised to "/". */
    String normalizedPath() {
        return path.isEmpty() ? "/" : path;
    }

    /** "?" plus the query; "?" alone when there is none. */
    String queryComponent() {
        return query == null ? "?" : "?" + query;
    }

    /** The authority normalised (RFC 9110 section 4.2.3): lowercase host, default port removed. */
    String normalizedAuthority() {
        if (authority == null) {
            return null;
        }
        String a = authority.strip();
        int at = a.lastIndexOf('@');
        if (at >= 0) {
            a = a.substring(at + 1);
        }
        a = a.toLowerCase(Locale.ROOT);
        int colon = a.lastIndexOf(':');
        if (colon >= 0 && colon > a.lastIndexOf(']')) {
            String port = a.substring(colon + 1);
            if (port.isEmpty()
                    || (scheme.equals("https") && port.equals("443"))
                    || (scheme.equals("http") && port.equals("80"))) {
                a = a.substring(0, colon);
            }
        }
        return a;
    }

    /** scheme://authority/path?query. */
    String targetUri() {
        return scheme + "://" + (authority == null ? "" : authority.strip()) + normalizedPath()
                + (query == null ? "" : "?" + query);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
