package io.scribehook.signatures.rfc9421;

import io.scribehook.signatures.HttpFields;
import io.scribehook.signatures.HttpMessage;
import io.scribehook.signatures.Reason;
import io.scribehook.signatures.sf.Dictionary;
import io.scribehook.signatures.sf.ListMember;
import io.scribehook.signatures.sf.Parameters;
import io.scribehook.signatures.sf.SfParseException;
import io.scribehook.signatures.sf.StructuredFields;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** Derives component values (RFC 9421 sections 2.1 and 2.2) from a message context. */
final class ComponentValues {
    /** Fields known to be Dictionaries; {@code ;sf} on other fields tries Dictionary, then List. */
    private static final Set<String> DICTIONARY_FIELDS = Set.of(
            "signature",
            "signature-input",
            "accept-signature",
            "content-digest",
            "repr-digest",
            "want-content-digest",
            "want-repr-digest",
            "priority",
            "example-dict");

    private ComponentValues() {}

    static String value(MessageContext ctx, ComponentId id, RequestTarget[] targetCache) throws HttpSignatureException {
        if (id.params().isEmpty() && !ctx.isResponse()) {
            // the common case: a plain field or derived component of a request
            String v = id.isDerived()
                    ? derived(ctx, id, true, targetCache)
                    : plainField(ctx.request().headers(), id.name());
            checkLineBreaks(v, id);
            return v;
        }
        boolean req = id.flag("req");
        if (req && !ctx.isResponse()) {
            throw malformed("the req parameter applies only to responses: " + id.serialize());
        }
        boolean fromRequest = req || !ctx.isResponse();
        if (fromRequest && ctx.request() == null) {
            throw missing("no related request for " + id.serialize());
        }
        String value = id.isDerived() ? derived(ctx, id, fromRequest, targetCache) : field(ctx, id, fromRequest);
        checkLineBreaks(value, id);
        return value;
    }

    private static void checkLineBreaks(String value, ComponentId id) throws HttpSignatureException {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw missing("the value of " + id.serialize() + " contains a line break");
        }
    }

    private static String plainField(HttpFields headers, String name) throws HttpSignatureException {
        String combined = headers.combined(name);
        if (combined == null) {
            throw missing("header " + name + " is absent");
        }
        return unfold(combined);
    }

    private static String derived(MessageContext ctx, ComponentId id, boolean fromRequest, RequestTarget[] cache)
            throws HttpSignatureException {
        String name = id.name();
        Parameters params = id.params();
        for (int i = 0; i < params.size(); i++) {
            String p = params.keyAt(i);
            if (!p.equals("req") && !(p.equals("name") && name.equals("@query-param"))) {
                throw malformed("parameter " + p + " does not apply to " + name);
            }
        }
        if (name.equals("@status")) {
            if (fromRequest) {
                throw missing("@status is not available on a request");
            }
            return Integer.toString(ctx.response().status());
        }
        if (!ComponentId.DERIVED.contains(name)) {
            throw missing("unknown derived component " + name);
        }
        if (!fromRequest) {
            throw missing(name + " on a response needs the req parameter");
        }
        HttpMessage request = ctx.request();
        if (name.equals("@method")) {
            return request.method();
        }
        RequestTarget t = cache[0];
        if (t == null) {
            t = RequestTarget.of(request, ctx.defaultScheme());
            cache[0] = t;
        }
        return switch (name) {
            case "@target-uri" -> t.targetUri();
            case "@authority" -> {
                String a = t.normalizedAuthority();
                if (a == null || a.isEmpty()) {
                    throw missing("the request has no authority (no Host header)");
                }
                yield a;
            }
            case "@scheme" -> t.scheme();
            case "@request-target" -> t.requestTarget();
            case "@path" -> t.normalizedPath();
            case "@query" -> t.queryComponent();
            case "@query-param" -> queryParam(t, id);
            default -> throw missing("unknown derived component " + name);
        };
    }

    private static String queryParam(RequestTarget t, ComponentId id) throws HttpSignatureException {
        String wanted = id.stringParam("name");
        if (wanted == null) {
            throw malformed("@query-param needs a name parameter");
        }
        String found = null;
        int count = 0;
        String q = t.query();
        if (q != null) {
            for (String pair : q.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String rawName = eq < 0 ? pair : pair.substring(0, eq);
                String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
                if (reencode(rawName).equals(wanted)) {
                    count++;
                    found = reencode(rawValue);
                }
            }
        }
        if (count == 0) {
            throw missing("query parameter " + wanted + " is absent");
        }
        if (count > 1) {
            throw missing(
                    "query parameter " + wanted + " occurs " + count + " times (RFC 9421 2.2.8 forbids signing it)");
        }
        return found;
    }

    /**
     * application/x-www-form-urlencoded parsing of one name or value ('+' is space, %XX decoded, bad
     * escapes kept), then percent-encoding of every byte but {@code A-Z a-z 0-9 * - . _} (space is
     * %20), as RFC 9421 section 2.2.8 does it.
     */
    static String reencode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        byte[] in = raw.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                bytes.write(hex(in[i + 1]) << 4 | hex(in[i + 2]));
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        // decode as UTF-8 (bad sequences become U+FFFD) and encode again
        byte[] decoded = new String(bytes.toByteArray(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(decoded.length + 8);
        for (byte b : decoded) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '*'
                    || c == '-'
                    || c == '.'
                    || c == '_') {
                sb.append((char) c);
            } else {
                sb.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    private static String field(MessageContext ctx, ComponentId id, boolean fromRequest) throws HttpSignatureException {
        String name = id.name();
        if (id.flag("name")) {
            throw malformed("parameter name does not apply to field " + name);
        }
        if (id.flag("tr")) {
            throw missing("trailer field " + name + " is not available");
        }
        boolean bs = id.flag("bs");
        boolean sf = id.flag("sf");
        String key = id.stringParam("key");
        if (bs && (sf || key != null)) {
            throw malformed("bs cannot be combined with sf or key on " + name);
        }
        HttpFields headers =
                fromRequest ? ctx.request().headers() : ctx.response().headers();
        List<String> lines = headers.all(name);
        if (lines.isEmpty()) {
            throw missing("header " + name + " is absent");
        }
        if (bs) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                String line = unfold(lines.get(i).strip());
                sb.append(':')
                        .append(Base64.getEncoder().encodeToString(line.getBytes(StandardCharsets.UTF_8)))
                        .append(':');
            }
            return sb.toString();
        }
        String combined = unfold(headers.combined(name));
        if (key != null) {
            Dictionary d = parseDictionary(name, combined);
            ListMember m = d.get(key);
            if (m == null) {
                throw missing("dictionary " + name + " has no member " + key);
            }
            return StructuredFields.serialize(m);
        }
        if (sf) {
            return reserialize(name, combined);
        }
        return combined;
    }

    private static Dictionary parseDictionary(String name, String value) throws HttpSignatureException {
        try {
            return StructuredFields.parseDictionary(value);
        } catch (SfParseException e) {
            throw missing("header " + name + " is not a structured dictionary");
        }
    }

    private static String reserialize(String name, String value) throws HttpSignatureException {
        if (DICTIONARY_FIELDS.contains(name)) {
            return StructuredFields.serialize(parseDictionary(name, value));
        }
        try {
            return StructuredFields.serialize(StructuredFields.parseDictionary(value));
        } catch (SfParseException notDictionary) {
            try {
                return StructuredFields.serialize(StructuredFields.parseList(value));
            } catch (SfParseException notList) {
                throw missing("header " + name + " is not a structured field");
            }
        }
    }

    /** Replaces obs-fold (CRLF or LF followed by spaces or tabs) with one space. */
    private static String unfold(String v) {
        if (v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return v.replaceAll("\\r?\\n[ \\t]+", " ");
    }

    private static HttpSignatureException missing(String message) {
        return new HttpSignatureException(Reason.COMPONENT_MISSING, message);
    }

    private static HttpSignatureException malformed(String message) {
        return new HttpSignatureException(Reason.MALFORMED_SIGNATURE_INPUT, message);
    }
}
