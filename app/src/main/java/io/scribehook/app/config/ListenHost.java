package io.scribehook.app.config;

import io.scribehook.core.config.ConfigException;
import io.scribehook.core.config.ConfigKey;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * Checks {@code SCRIBEHOOK_HTTP_HOST}: an address of this machine (or a name resolving to one), or
 * the wildcard {@code 0.0.0.0} / {@code ::}. Checked at start-up, so a typo is a configuration
 * error (exit 2) rather than a bind failure after the data dir was created.
 */
final class ListenHost {
    static final String DEFAULT = "127.0.0.1";
    private static final String ALLOWED = "use 127.0.0.1 (this machine only), 0.0.0.0 (all interfaces), or another "
            + "address of this machine or a host name resolving to one";

    private ListenHost() {}

    /** The address as a literal (a name is resolved once, here). */
    static String parse(String value) {
        InetAddress address;
        try {
            address = InetAddress.getByName(value);
        } catch (UnknownHostException | SecurityException e) {
            throw new ConfigException(ConfigKey.HTTP_HOST.key(), value, "the name does not resolve; " + ALLOWED);
        }
        if (!address.isAnyLocalAddress() && !address.isLoopbackAddress() && !onThisMachine(address)) {
            throw new ConfigException(ConfigKey.HTTP_HOST.key(), value, "not an address of this machine; " + ALLOWED);
        }
        return address.getHostAddress();
    }

    /** Whether a literal returned by {@link #parse} is the wildcard address. */
    static boolean isWildcard(String literal) {
        try {
            return InetAddress.getByName(literal).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean onThisMachine(InetAddress address) {
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return true;
        }
    }
}
