package io.scribehook.receiver.guard;

import java.net.InetAddress;
import java.util.Objects;

/** What {@link ClientAddressResolver#resolve} found: the client's address, or why it cannot be told (fail closed: 403). */
public sealed interface Resolution permits Resolution.Resolved, Resolution.Unresolvable {

    /** The client's address (canonical: IPv4-mapped IPv6 is IPv4). */
    record Resolved(InetAddress client) implements Resolution {
        /** Requires an address. */
        public Resolved {
            Objects.requireNonNull(client, "client");
        }
    }

    /**
     * The forwarding chain cannot be trusted to name the client, e.g. the hop the walk reached is
     * {@code unknown}, obfuscated or garbage. The reason never quotes header text.
     */
    record Unresolvable(String reason) implements Resolution {
        /** Requires a reason. */
        public Unresolvable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
