package io.scribehook.receiver.guard;

import io.scribehook.receiver.guard.Resolution.Resolved;
import io.scribehook.receiver.guard.Resolution.Unresolvable;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * The webhook endpoint's source-address check: resolves the client behind trusted proxies
 * ({@link ClientAddressResolver}) and checks it against the allow-list ({@link IpAllowList}).
 * When the allow-list is off every request is allowed (the resolved client is still reported, for
 * logs; if it cannot be resolved the peer is reported). When it is on, an unresolvable client is
 * refused: fail closed.
 */
public final class SourceAddressGuard {
    /** The error code of a refusal (HTTP 403). */
    public static final String DENIED_CODE = "ip_not_allowed";

    private final IpAllowList allowList;
    private final ClientAddressResolver resolver;

    /** A guard from its two parts. */
    public SourceAddressGuard(IpAllowList allowList, ClientAddressResolver resolver) {
        this.allowList = Objects.requireNonNull(allowList, "allowList");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * A guard from the settings {@code SCRIBEHOOK_IP_ALLOWLIST} and {@code SCRIBEHOOK_TRUSTED_PROXIES}.
     *
     * @throws IllegalArgumentException naming the bad item (the caller adds the key)
     */
    public static SourceAddressGuard fromConfig(String ipAllowList, String trustedProxies) {
        return new SourceAddressGuard(IpAllowList.parse(ipAllowList), ClientAddressResolver.parse(trustedProxies));
    }

    /** The verdict on one request. */
    public sealed interface Decision permits Allowed, Denied {}

    /**
     * Go ahead; {@code client} is the resolved client, or the peer when the list is off and the
     * client cannot be resolved ({@code null} only when the peer itself is unknown).
     */
    public record Allowed(InetAddress client) implements Decision {}

    /**
     * Answer 403 with {@code {"error": code, "message": message}}. {@code client} is the resolved client
     * for logs, or {@code null} when it could not be resolved; {@code message} does not reveal the list.
     */
    public record Denied(InetAddress client, String code, String message) implements Decision {}

    /**
     * Checks one request; never throws.
     *
     * @param peer          the TCP peer
     * @param xForwardedFor all {@code X-Forwarded-For} lines (may be null or empty)
     * @param forwarded     all {@code Forwarded} lines (may be null or empty)
     */
    public Decision check(InetAddress peer, List<String> xForwardedFor, List<String> forwarded) {
        Resolution r = resolver.resolve(peer, xForwardedFor, forwarded);
        return switch (r) {
            case Resolved(InetAddress client) ->
                allowList.allows(client)
                        ? new Allowed(client)
                        : new Denied(client, DENIED_CODE, "requests from this address are not accepted");
            case Unresolvable u ->
                allowList.enabled()
                        ? new Denied(
                                null,
                                DENIED_CODE,
                                "the client address cannot be determined from the forwarding headers")
                        : new Allowed(IpLiteral.canonical(peer));
        };
    }

    /** The allow-list in use. */
    public IpAllowList allowList() {
        return allowList;
    }

    /** The resolver in use. */
    public ClientAddressResolver resolver() {
        return resolver;
    }

    /** One line for the start-up log, e.g. {@code IP allow-list on: healthie-production (4 addresses); trusted proxies: none}. */
    public String describe() {
        return "IP allow-list " + allowList.describe() + "; trusted proxies: " + resolver.describe();
    }
}
