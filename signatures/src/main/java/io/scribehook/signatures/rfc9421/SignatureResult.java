package io.scribehook.signatures.rfc9421;

import io.scribehook.signatures.HttpFields;
import java.util.Base64;

/**
 * A signature just made: its label, parameters, the base that was signed and the signature bytes,
 * with the Signature-Input and Signature member values to send.
 */
public record SignatureResult(String label, SignatureParameters parameters, String signatureBase, byte[] signature) {
    public SignatureResult {
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** {@code label=(...);created=...}: one Signature-Input dictionary member. */
    public String signatureInputMember() {
        return label + "=" + parameters.serialize();
    }

    /** {@code label=:base64:}: one Signature dictionary member. */
    public String signatureMember() {
        return label + "=:" + Base64.getEncoder().encodeToString(signature) + ":";
    }

    /** {@code headers} with a Signature-Input and a Signature line added for this signature. */
    public HttpFields addTo(HttpFields headers) {
        return headers.toBuilder()
                .add("Signature-Input", signatureInputMember())
                .add("Signature", signatureMember())
                .build();
    }

    @Override
    public String toString() {
        return "SignatureResult[" + signatureInputMember() + "]";
    }
}
