package io.scribehook.app.server;

import io.scribehook.core.config.ConfigKey;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;

/**
 * The HTTP port cannot be bound: in use, or not allowed. One line for the user (exit 1), never a
 * stack trace. {@link #probe} finds it before start-up creates anything, so a failed first start
 * leaves no data dir and prints no admin token; the bind itself can still lose a race, and
 * {@link #causeOf} recognises that too.
 */
public final class ListenFailure extends RuntimeException {

    private ListenFailure(String host, int port, String reason) {
        super(
                reason.toLowerCase(java.util.Locale.ROOT).contains("in use")
                        ? "port " + port + " is already in use on " + host + "; set " + ConfigKey.HTTP_PORT.key()
                                + " to a free port (0 picks any) or stop the process that holds it"
                        : "cannot listen on port " + port + " of " + host + " (" + reason + "); set "
                                + ConfigKey.HTTP_PORT.key() + " or " + ConfigKey.HTTP_HOST.key());
    }

    /** Binds {@code host:port} for a moment; port 0 always succeeds and is skipped. */
    public static void probe(String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new ListenFailure(
                    host, port, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** The failure, when {@code e} (from starting the server) was caused by a failed bind. */
    public static Optional<ListenFailure> causeOf(RuntimeException e, String host, int port) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof BindException b) {
                return Optional.of(
                        new ListenFailure(host, port, b.getMessage() == null ? "bind failed" : b.getMessage()));
            }
        }
        return Optional.empty();
    }
}
