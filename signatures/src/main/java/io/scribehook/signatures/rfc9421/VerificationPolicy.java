package io.scribehook.signatures.rfc9421;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a verifier demands beyond a valid signature (RFC 9421 section 3.2.1).
 *
 * @param requiredComponents components every accepted signature must cover
 * @param requiredParameters signature parameters that must be present ({@code created}, {@code keyid}, ...)
 * @param requiredTag the {@code tag} value required, or null for any
 * @param allowedAlgorithms algorithms accepted (empty: all); a key of another algorithm fails
 * @param maxAge maximum age measured from {@code created}, or null for no limit
 * @param clockSkew tolerance for {@code created} in the future, for {@code maxAge} and {@code expires}
 * @param label the only label to verify, or null for any label
 * @param keyIdFallback when the {@code keyid} is unknown, try every key of the set instead of failing
 *     with {@code unknown_key} (for senders whose key ids the verifier does not know)
 * @param verifyContentDigest when {@code content-digest} is covered, check it against the body
 * @param clock the time source
 */
public record VerificationPolicy(
        List<ComponentId> requiredComponents,
        Set<String> requiredParameters,
        String requiredTag,
        Set<SignatureAlgorithm> allowedAlgorithms,
        Duration maxAge,
        Duration clockSkew,
        String label,
        boolean keyIdFallback,
        boolean verifyContentDigest,
        Clock clock) {

    public VerificationPolicy {
        requiredComponents = List.copyOf(requiredComponents);
        requiredParameters = Set.copyOf(requiredParameters);
        allowedAlgorithms = allowedAlgorithms.isEmpty() ? Set.of() : Set.copyOf(allowedAlgorithms);
        clockSkew = clockSkew == null ? Duration.ZERO : clockSkew;
        Objects.requireNonNull(clock, "clock");
        if (clockSkew.isNegative() || (maxAge != null && maxAge.isNegative())) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /**
     * Defaults: {@code created} required, at most 5 minutes old, 30 s clock skew, Content-Digest
     * checked when covered, any label, any algorithm, keyid must be known, system UTC clock.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** True when {@code alg} is accepted. */
    public boolean allows(SignatureAlgorithm alg) {
        return allowedAlgorithms.isEmpty() || allowedAlgorithms.contains(alg);
    }

    /** Builds a {@link VerificationPolicy}. */
    public static final class Builder {
        private final List<ComponentId> requiredComponents = new ArrayList<>();
        private final Set<String> requiredParameters = new LinkedHashSet<>(List.of("created"));
        private String requiredTag;
        private final Set<SignatureAlgorithm> allowedAlgorithms = EnumSet.noneOf(SignatureAlgorithm.class);
        private Duration maxAge = Duration.ofMinutes(5);
        private Duration clockSkew = Duration.ofSeconds(30);
        private String label;
        private boolean keyIdFallback;
        private boolean verifyContentDigest = true;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        public Builder requireComponents(ComponentId... ids) {
            requiredComponents.addAll(Arrays.asList(ids));
            return this;
        }

        public Builder requireComponents(List<ComponentId> ids) {
            requiredComponents.addAll(ids);
            return this;
        }

        /** Replaces the required parameters (default: {@code created}). */
        public Builder requireParameters(String... names) {
            requiredParameters.clear();
            requiredParameters.addAll(Arrays.asList(names));
            return this;
        }

        public Builder requireTag(String tag) {
            this.requiredTag = tag;
            return this;
        }

        public Builder allowAlgorithms(SignatureAlgorithm... algs) {
            allowedAlgorithms.addAll(Arrays.asList(algs));
            return this;
        }

        /** Maximum age from {@code created}; null for none. */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = maxAge;
            return this;
        }

        public Builder clockSkew(Duration skew) {
            this.clockSkew = skew;
            return this;
        }

        public Builder label(String label) {
            this.label = label;
            return this;
        }

        public Builder keyIdFallback(boolean fallback) {
            this.keyIdFallback = fallback;
            return this;
        }

        public Builder verifyContentDigest(boolean verify) {
            this.verifyContentDigest = verify;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public VerificationPolicy build() {
            return new VerificationPolicy(
                    requiredComponents,
                    requiredParameters,
                    requiredTag,
                    allowedAlgorithms,
                    maxAge,
                    clockSkew,
                    label,
                    keyIdFallback,
                    verifyContentDigest,
                    clock);
        }
    }
}
