package io.scribehook.delivery.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * The delivery client's resolver: resolves every new connection's host with the
 * {@link HostResolver} and keeps only the addresses the {@link AddressGuard} allows, so the address
 * checked is the address connected to (a name that answers a public address to an earlier check
 * and an internal one now is refused now). Refuses with {@link TargetRefusedException} when none is left.
 */
final class GuardedResolver implements SocketAddressResolver {
    private final HostResolver resolver;
    private final AddressGuard guard;
    private final Executor executor;

    GuardedResolver(HostResolver resolver, AddressGuard guard, Executor executor) {
        this.resolver = resolver;
        this.guard = guard;
        this.executor = executor;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        executor.execute(() -> {
            try {
                promise.succeeded(allowed(host, port));
            } catch (UnknownHostException e) {
                promise.failed(e);
            } catch (RuntimeException e) {
                promise.failed(new UnknownHostException(host + ": " + e.getMessage()));
            }
        });
    }

    List<InetSocketAddress> allowed(String host, int port) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses = resolver.resolve(bare);
        List<InetSocketAddress> ok = new ArrayList<>();
        String refusal = null;
        for (InetAddress a : addresses) {
            var why = guard.refusal(a);
            if (why.isEmpty()) {
                ok.add(new InetSocketAddress(a, port));
            } else if (refusal == null) {
                refusal = why.get();
            }
        }
        if (ok.isEmpty()) {
            throw new TargetRefusedException(refusal != null ? refusal : host + " resolved to no address");
        }
        return ok;
    }
}
