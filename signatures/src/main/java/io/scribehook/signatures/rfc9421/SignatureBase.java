package io.scribehook.signatures.rfc9421;

import java.nio.charset.StandardCharsets;

/**
 * Builds the signature base (RFC 9421 section 2.5): one {@code "id": value} line per covered
 * component, then the {@code "@signature-params"} line, joined by LF with no trailing LF. Non-ASCII
 * characters in field values are encoded as UTF-8.
 */
public final class SignatureBase {
    private SignatureBase() {}

    /** The signature base as text. */
    public static String create(MessageContext ctx, SignatureParameters params) throws HttpSignatureException {
        return build(ctx, params).toString();
    }

    /** The signature base as the bytes that are signed. */
    public static byte[] bytes(MessageContext ctx, SignatureParameters params) throws HttpSignatureException {
        return build(ctx, params, null).toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * As {@link #bytes(MessageContext, SignatureParameters)}, with the {@code @signature-params}
     * value given as text already known to be the canonical serialisation of {@code params}.
     */
    static byte[] bytes(MessageContext ctx, SignatureParameters params, String paramsText)
            throws HttpSignatureException {
        return build(ctx, params, paramsText).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static StringBuilder build(MessageContext ctx, SignatureParameters params) throws HttpSignatureException {
        return build(ctx, params, null);
    }

    private static StringBuilder build(MessageContext ctx, SignatureParameters params, String paramsText)
            throws HttpSignatureException {
        StringBuilder sb = new StringBuilder(512);
        RequestTarget[] target = new RequestTarget[1];
        java.util.List<ComponentId> components = params.components();
        for (int i = 0; i < components.size(); i++) {
            ComponentId id = components.get(i);
            id.appendTo(sb);
            sb.append(": ").append(ComponentValues.value(ctx, id, target)).append('\n');
        }
        sb.append("\"@signature-params\": ");
        if (paramsText != null) {
            sb.append(paramsText);
        } else {
            params.appendTo(sb);
        }
        return sb;
    }
}
