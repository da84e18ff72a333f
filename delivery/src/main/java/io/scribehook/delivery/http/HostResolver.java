package io.scribehook.delivery.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a host name to addresses; called once per connection the delivery client opens, so
 * the addresses checked are the addresses connected to. Tests inject one that answers differently
 * each time.
 */
@FunctionalInterface
public interface HostResolver {
    /** The system resolver. */
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    List<InetAddress> resolve(String host) throws UnknownHostException;
}
