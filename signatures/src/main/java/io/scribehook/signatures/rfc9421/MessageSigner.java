package io.scribehook.signatures.rfc9421;

import io.scribehook.signatures.HttpMessage;
import io.scribehook.signatures.HttpResponseMessage;
import io.scribehook.signatures.Reason;
import io.scribehook.signatures.sf.StructuredFields;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Creates RFC 9421 signatures (section 3.1).
 *
 * <pre>{@code
 * SignatureParameters params = SignatureParameters.builder()
 *     .components(ComponentId.METHOD, ComponentId.AUTHORITY, ComponentId.PATH, ComponentId.field("content-digest"))
 *     .created(Instant.now()).keyid(key.keyId()).build();
 * SignatureResult sig = MessageSigner.sign(request, "sig1", params, key);
 * HttpFields signed = sig.addTo(request.headers());
 * }</pre>
 */
public final class MessageSigner {
    private MessageSigner() {}

    /** Signs a request. */
    public static SignatureResult sign(HttpMessage request, String label, SignatureParameters params, SigningKey key)
            throws HttpSignatureException {
        return sign(MessageContext.of(request), label, params, key);
    }

    /** Signs a response; {@code request} supplies {@code ;req} components (may be null). */
    public static SignatureResult sign(
            HttpResponseMessage response, HttpMessage request, String label, SignatureParameters params, SigningKey key)
            throws HttpSignatureException {
        return sign(MessageContext.of(response, request), label, params, key);
    }

    /**
     * Signs the target message of {@code ctx}. Fails with {@code algorithm_mismatch} when an {@code
     * alg} parameter disagrees with the key, {@code duplicate_component} when a component is listed
     * twice, {@code component_missing} when a covered component is absent.
     */
    public static SignatureResult sign(MessageContext ctx, String label, SignatureParameters params, SigningKey key)
            throws HttpSignatureException {
        if (!StructuredFields.isValidKey(label)) {
            throw new IllegalArgumentException("a label must be a structured-field key: " + label);
        }
        if (params.alg().isPresent()
                && !params.alg().get().equals(key.algorithm().id())) {
            throw new HttpSignatureException(
                    Reason.ALGORITHM_MISMATCH,
                    "alg " + params.alg().get() + " but the key is "
                            + key.algorithm().id());
        }
        SignatureParameters checked = SignatureParameters.parse(params.toInnerList());
        String base = SignatureBase.create(ctx, checked);
        try {
            byte[] sig = key.sign(base.getBytes(StandardCharsets.UTF_8));
            return new SignatureResult(label, checked, base, sig);
        } catch (GeneralSecurityException e) {
            throw new HttpSignatureException(
                    Reason.ALGORITHM_MISMATCH,
                    "the key cannot sign with " + key.algorithm().id());
        }
    }
}
