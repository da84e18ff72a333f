package io.scribehook.delivery.registry;

import io.scribehook.core.event.BodyShape;
import io.scribehook.signatures.Profile;
import io.scribehook.signatures.WebhookSecret;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A registered webhook endpoint. {@link #toString()} prints no secret ({@link WebhookSecret} hides
 * its value).
 *
 * @param eventTypes     the subscribed event types, sorted, at least one
 * @param secret         the current signing secret ({@code whsec_...}), read back as Healthie's
 *                       {@code signature_secret}
 * @param previous       the secret it replaced, still used until {@code previousUntil}; else null
 * @param previousUntil  end of the rotation overlap; null when there is no previous secret
 * @param warnedAt       when continuous failure crossed the warning threshold; null otherwise
 * @param failingSince   the first failed attempt since the last success; null while healthy
 * @param disabledReason why the engine disabled it ({@code gone}, {@code continuous_failure}); null
 *                       when enabled or disabled by a user
 */
public record Webhook(
        long id,
        String url,
        boolean enabled,
        boolean shouldRetry,
        List<String> eventTypes,
        Profile profile,
        BodyShape shape,
        WebhookSecret secret,
        WebhookSecret previous,
        Instant previousUntil,
        Instant warnedAt,
        Instant failingSince,
        String disabledReason,
        Instant createdAt,
        Instant updatedAt) {
    public Webhook {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(secret, "secret");
        eventTypes = List.copyOf(eventTypes);
    }

    /** Whether {@link #previous()} is still valid at {@code now}. */
    public boolean inOverlap(Instant now) {
        return previous != null && previousUntil != null && now.isBefore(previousUntil);
    }

    /**
     * The secrets to sign with at {@code now}, in signing order. healthie-rfc9421 and
     * standard-webhooks carry both during the overlap (current first: {@code sig1}/first signature,
     * distinct key ids); the legacy profiles, which carry one signature, keep the previous secret
     * until the overlap ends, so receivers that have not switched yet still verify.
     */
    public List<WebhookSecret> signingSecrets(Instant now) {
        if (!inOverlap(now)) {
            return List.of(secret);
        }
        return switch (profile) {
            case HEALTHIE_RFC9421, STANDARD_WEBHOOKS -> List.of(secret, previous);
            case GUIDE, HEALTHIE_API -> List.of(previous);
        };
    }
}
