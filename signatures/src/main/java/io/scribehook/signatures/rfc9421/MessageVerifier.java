package io.scribehook.signatures.rfc9421;

import io.scribehook.signatures.HttpFields;
import io.scribehook.signatures.HttpMessage;
import io.scribehook.signatures.HttpResponseMessage;
import io.scribehook.signatures.Reason;
import io.scribehook.signatures.VerificationResult;
import io.scribehook.signatures.VerificationResult.Failed;
import io.scribehook.signatures.VerificationResult.Verified;
import io.scribehook.signatures.digest.ContentDigest;
import io.scribehook.signatures.digest.DigestCheck;
import io.scribehook.signatures.sf.BareItem;
import io.scribehook.signatures.sf.Dictionary;
import io.scribehook.signatures.sf.InnerList;
import io.scribehook.signatures.sf.Item;
import io.scribehook.signatures.sf.ListMember;
import io.scribehook.signatures.sf.SfParseException;
import io.scribehook.signatures.sf.StructuredFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Verifies RFC 9421 signatures (section 3.2) against a {@link KeySet} and a {@link
 * VerificationPolicy}. Every signature label present in both Signature-Input and Signature is tried
 * (or only the policy's label); the first that verifies wins, else the most informative failure is
 * returned. Immutable and thread-safe.
 *
 * <pre>{@code
 * MessageVerifier verifier = new MessageVerifier(
 *     KeySet.of(VerificationKey.of("test-key-ed25519", publicKey)),
 *     VerificationPolicy.builder().requireComponents(ComponentId.METHOD, ComponentId.PATH).build());
 * VerificationResult result = verifier.verify(request);
 * }</pre>
 */
public final class MessageVerifier {
    private final KeySet keys;
    private final VerificationPolicy policy;
    private final ComponentId[] requiredComponents;
    private final String[] requiredParameters;

    public MessageVerifier(KeySet keys, VerificationPolicy policy) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.requiredComponents = policy.requiredComponents().toArray(new ComponentId[0]);
        this.requiredParameters = policy.requiredParameters().toArray(new String[0]);
    }

    public KeySet keys() {
        return keys;
    }

    public VerificationPolicy policy() {
        return policy;
    }

    /** Verifies a signed request. */
    public VerificationResult verify(HttpMessage request) {
        return verify(MessageContext.of(request));
    }

    /** Verifies a signed response; {@code request} supplies {@code ;req} components (may be null). */
    public VerificationResult verify(HttpResponseMessage response, HttpMessage request) {
        return verify(MessageContext.of(response, request));
    }

    /** Verifies the target message of {@code ctx}. */
    public VerificationResult verify(MessageContext ctx) {
        HttpFields headers = ctx.targetHeaders();
        String signatureField = headers.combined("signature");
        if (signatureField == null) {
            return fail(Reason.MISSING_SIGNATURE, "no Signature header");
        }
        String inputField = headers.combined("signature-input");
        if (inputField == null) {
            return fail(Reason.MALFORMED_SIGNATURE_INPUT, "no Signature-Input header");
        }
        Dictionary inputs;
        try {
            inputs = StructuredFields.parseDictionary(inputField);
        } catch (SfParseException e) {
            return fail(
                    Reason.MALFORMED_SIGNATURE_INPUT,
                    "Signature-Input is not a structured dictionary: " + e.getMessage());
        }
        Dictionary signatures;
        try {
            signatures = StructuredFields.parseDictionary(signatureField);
        } catch (SfParseException e) {
            return fail(Reason.MALFORMED_SIGNATURE, "Signature is not a structured dictionary: " + e.getMessage());
        }
        DigestMemo digests = new DigestMemo();
        if (policy.label() != null) {
            String label = policy.label();
            ListMember input = inputs.get(label);
            ListMember sig = signatures.get(label);
            if (input == null || sig == null) {
                return fail(
                        Reason.LABEL_NOT_FOUND,
                        "no signature labelled " + label + " in both Signature-Input and Signature");
            }
            return verifyOne(ctx, label, input, inputs.canonicalText(label), sig, digests);
        }
        Failed best = null;
        for (String label : orderedLabels(inputs)) {
            ListMember sig = signatures.get(label);
            if (sig == null) {
                best = worse(best, new Failed(Reason.LABEL_NOT_FOUND, "Signature has no member " + label));
                continue;
            }
            VerificationResult r = verifyOne(ctx, label, inputs.get(label), inputs.canonicalText(label), sig, digests);
            if (r instanceof Verified) {
                return r;
            }
            best = worse(best, (Failed) r);
        }
        if (best == null) {
            return fail(Reason.LABEL_NOT_FOUND, "no label appears in both Signature-Input and Signature");
        }
        return best;
    }

    /** Labels whose keyid names a known key first, so that rotation costs one cryptographic check. */
    private Iterable<String> orderedLabels(Dictionary inputs) {
        if (inputs.size() < 2) {
            return inputs.keys();
        }
        List<String> known = new ArrayList<>(inputs.size());
        List<String> rest = new ArrayList<>(2);
        for (String label : inputs.keys()) {
            ListMember m = inputs.get(label);
            if (m.params().get("keyid") instanceof BareItem.Str s
                    && !keys.byKeyId(s.value()).isEmpty()) {
                known.add(label);
            } else {
                rest.add(label);
            }
        }
        known.addAll(rest);
        return known;
    }

    private VerificationResult verifyOne(
            MessageContext ctx,
            String label,
            ListMember inputMember,
            String inputText,
            ListMember sigMember,
            DigestMemo digests) {
        if (!(inputMember instanceof InnerList list)) {
            return fail(Reason.MALFORMED_SIGNATURE_INPUT, label + ": the Signature-Input member is not an inner list");
        }
        if (!(sigMember instanceof Item item) || !(item.value() instanceof BareItem.Bytes sigBytes)) {
            return fail(Reason.MALFORMED_SIGNATURE, label + ": the Signature member is not a byte sequence");
        }
        SignatureParameters params;
        try {
            params = SignatureParameters.parse(list);
        } catch (HttpSignatureException e) {
            return fail(e.reason(), label + ": " + e.getMessage());
        }
        Failed problem = checkRequirements(label, params);
        if (problem != null) {
            return problem;
        }
        SignatureAlgorithm alg = null;
        String algName = params.params().get("alg") instanceof BareItem.Str a ? a.value() : null;
        if (algName != null) {
            alg = SignatureAlgorithm.byId(algName).orElse(null);
            if (alg == null) {
                return fail(Reason.UNKNOWN_ALGORITHM, label + ": unknown alg " + printable(algName));
            }
            if (!policy.allows(alg)) {
                return fail(Reason.UNKNOWN_ALGORITHM, label + ": alg " + alg.id() + " is not accepted here");
            }
        }
        problem = checkTime(label, params);
        if (problem != null) {
            return problem;
        }
        Object keysOrFailure = usableKeys(label, params, alg);
        if (keysOrFailure instanceof Failed f) {
            return f;
        }
        @SuppressWarnings("unchecked")
        List<VerificationKey> usable = (List<VerificationKey>) keysOrFailure;
        problem = checkDigests(ctx, label, params, digests);
        if (problem != null) {
            return problem;
        }
        byte[] base;
        try {
            base = SignatureBase.bytes(ctx, params, inputText);
        } catch (HttpSignatureException e) {
            return fail(e.reason(), label + ": " + e.getMessage());
        }
        return checkSignature(label, usable, base, sigBytes.unsafeValue());
    }

    /** Required components, required parameters and the required tag. */
    private Failed checkRequirements(String label, SignatureParameters params) {
        List<ComponentId> covered = params.components();
        for (int i = 0; i < requiredComponents.length; i++) {
            if (!covered.contains(requiredComponents[i])) {
                return fail(
                        Reason.COMPONENT_MISSING,
                        label + ": required component " + requiredComponents[i].serialize() + " is not covered");
            }
        }
        for (int i = 0; i < requiredParameters.length; i++) {
            if (!params.params().has(requiredParameters[i])) {
                return fail(
                        Reason.MISSING_REQUIRED_PARAMETER,
                        label + ": required parameter " + requiredParameters[i] + " is absent");
            }
        }
        String requiredTag = policy.requiredTag();
        if (requiredTag != null) {
            BareItem tag = params.params().get("tag");
            if (tag == null) {
                return fail(Reason.MISSING_REQUIRED_PARAMETER, label + ": required parameter tag is absent");
            }
            if (!(tag instanceof BareItem.Str t) || !t.value().equals(requiredTag)) {
                return fail(Reason.TAG_MISMATCH, label + ": tag is not " + requiredTag);
            }
        }
        return null;
    }

    /** The keys that may verify this signature (a List), or the Failed that explains why none may. */
    private Object usableKeys(String label, SignatureParameters params, SignatureAlgorithm alg) {
        String keyid = params.params().get("keyid") instanceof BareItem.Str k ? k.value() : null;
        List<VerificationKey> candidates;
        boolean fallback = false;
        if (keyid != null) {
            candidates = keys.byKeyId(keyid);
            if (candidates.isEmpty()) {
                if (!policy.keyIdFallback()) {
                    return fail(Reason.UNKNOWN_KEY, label + ": no key with keyid " + printable(keyid));
                }
                candidates = keys.all();
                fallback = true;
            }
        } else {
            candidates = keys.all();
        }
        boolean allFit = true;
        for (int i = 0; i < candidates.size(); i++) {
            VerificationKey k = candidates.get(i);
            if ((alg != null && k.algorithm() != alg) || !policy.allows(k.algorithm())) {
                allFit = false;
                break;
            }
        }
        if (allFit) {
            return candidates;
        }
        List<VerificationKey> usable = new ArrayList<>(candidates.size());
        Failed keyProblem = null;
        for (int i = 0; i < candidates.size(); i++) {
            VerificationKey k = candidates.get(i);
            if (alg != null && k.algorithm() != alg) {
                if (keyid != null && !fallback) {
                    keyProblem = new Failed(
                            Reason.ALGORITHM_MISMATCH,
                            label + ": alg " + alg.id() + " disagrees with key " + k.keyId() + " ("
                                    + k.algorithm().id() + ")");
                }
            } else if (!policy.allows(k.algorithm())) {
                keyProblem = new Failed(
                        Reason.ALGORITHM_MISMATCH,
                        label + ": key " + k.keyId() + " is " + k.algorithm().id() + ", which is not accepted here");
            } else {
                usable.add(k);
            }
        }
        if (usable.isEmpty()) {
            return keyProblem != null ? keyProblem : fail(Reason.UNKNOWN_KEY, label + ": no key fits this signature");
        }
        return usable;
    }

    /** Checks the body against a covered Content-Digest (request and/or response). */
    private Failed checkDigests(MessageContext ctx, String label, SignatureParameters params, DigestMemo digests) {
        if (!policy.verifyContentDigest()) {
            return null;
        }
        List<ComponentId> covered = params.components();
        for (int i = 0; i < covered.size(); i++) {
            ComponentId id = covered.get(i);
            if (id.name().equals("content-digest")) {
                DigestCheck check = digests.check(ctx, id.flag("req") || !ctx.isResponse());
                if (check instanceof DigestCheck.Invalid invalid) {
                    return fail(invalid.reason(), label + ": " + invalid.message());
                }
            }
        }
        return null;
    }

    private static VerificationResult checkSignature(
            String label, List<VerificationKey> usable, byte[] base, byte[] sig) {
        String lengthNote = "";
        for (int i = 0; i < usable.size(); i++) {
            VerificationKey k = usable.get(i);
            int expected = k.signatureLength();
            if (sig.length != expected) {
                lengthNote = " (the signature has " + sig.length + " bytes, "
                        + k.algorithm().id() + " gives " + expected + ")";
                continue;
            }
            if (k.verify(base, sig)) {
                return new Verified(label, k.keyId(), null);
            }
        }
        String which = usable.size() == 1 ? "key " + usable.get(0).keyId() : usable.size() + " keys";
        return fail(Reason.SIGNATURE_INVALID, label + ": the signature does not verify with " + which + lengthNote);
    }

    private Failed checkTime(String label, SignatureParameters params) {
        long now = policy.clock().instant().getEpochSecond();
        long skew = policy.clockSkew().getSeconds();
        OptionalLong created = params.created();
        if (created.isPresent()) {
            long c = created.getAsLong();
            if (c > now + skew) {
                return new Failed(Reason.CREATED_IN_FUTURE, label + ": created is " + (c - now) + " s in the future");
            }
            if (policy.maxAge() != null && now - c > policy.maxAge().getSeconds() + skew) {
                return new Failed(
                        Reason.CREATED_TOO_OLD,
                        label + ": created " + (now - c) + " s ago, more than "
                                + policy.maxAge().getSeconds() + " s");
            }
        }
        OptionalLong expires = params.expires();
        if (expires.isPresent() && now > expires.getAsLong() + skew) {
            return new Failed(Reason.SIGNATURE_EXPIRED, label + ": expired " + (now - expires.getAsLong()) + " s ago");
        }
        return null;
    }

    private static Failed worse(Failed best, Failed next) {
        return best == null ? next : best.moreInformative(next);
    }

    private static Failed fail(Reason reason, String message) {
        return new Failed(reason, message);
    }

    /** Attacker-chosen text in messages: printable ASCII, at most 64 characters. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 64) + 2).append('"');
        for (int i = 0; i < s.length() && i < 64; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.append(s.length() > 64 ? "...\"" : "\"").toString();
    }

    /** Content-Digest results for the request and the response, computed at most once each. */
    private static final class DigestMemo {
        private DigestCheck request;
        private DigestCheck response;

        DigestCheck check(MessageContext ctx, boolean ofRequest) {
            if (ofRequest) {
                if (ctx.request() == null) {
                    return new DigestCheck.Invalid(
                            Reason.COMPONENT_MISSING, "no related request for content-digest;req");
                }
                if (request == null) {
                    HttpMessage r = ctx.request();
                    request = ContentDigest.verify(r.headers().combined("content-digest"), r.body());
                }
                return request;
            }
            if (response == null) {
                response = ContentDigest.verify(
                        ctx.response().headers().combined("content-digest"),
                        ctx.response().body());
            }
            return response;
        }
    }
}
