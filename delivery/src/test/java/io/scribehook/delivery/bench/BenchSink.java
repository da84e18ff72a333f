package io.scribehook.delivery.bench;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The benchmark's receiving end: Jetty answering 200 at once to every POST, counting them and
 * noting when each {@code Webhook-Id} arrived. {@code main} runs it alone (for {@code wrk}) and
 * prints its port.
 */
public final class BenchSink implements AutoCloseable {
    final LongAdder requests = new LongAdder();
    final ConcurrentHashMap<String, Long> arrivals = new ConcurrentHashMap<>();
    private final Server server;
    private final ServerConnector connector;
    volatile boolean noteArrivals;

    public BenchSink() throws Exception {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                requests.increment();
                if (noteArrivals) {
                    String id = request.getHeaders().get("Webhook-Id");
                    if (id != null) {
                        arrivals.putIfAbsent(id, System.nanoTime());
                    }
                }
                response.setStatus(200);
                callback.succeeded();
                return true;
            }
        });
        server.start();
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    public static void main(String[] args) throws Exception {
        BenchSink sink = new BenchSink();
        System.out.println("SINK_PORT=" + sink.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
