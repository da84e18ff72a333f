package io.scribehook.delivery.bench;

import io.scribehook.core.event.BodyShape;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.core.event.ThinPayloadCodec;
import io.scribehook.delivery.DeliveryEngine;
import io.scribehook.delivery.DeliverySettings;
import io.scribehook.delivery.Outbox;
import io.scribehook.delivery.http.AddressGuard;
import io.scribehook.delivery.http.Cidr;
import io.scribehook.delivery.http.DeliveryClient;
import io.scribehook.delivery.http.HostResolver;
import io.scribehook.delivery.http.HttpAttempt;
import io.scribehook.delivery.registry.WebhookInput;
import io.scribehook.delivery.send.DeliveryWorker;
import io.scribehook.store.Database;
import io.scribehook.store.DatabaseSettings;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.QueueSettings;
import io.scribehook.store.testing.PostgresTestDatabase;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Delivery benchmark (not a test), run by {@code bench/delivery.sh}: in one JVM with an in-process
 * {@link BenchSink}, (1) the raw rate of the delivery HTTP client posting the same bodies, (2) the
 * engine's deliveries per second for a backlog (signing, attempt log and queue included), (3) the
 * event-to-delivery latency at a steady event rate. The engine is warmed up first, as the raw client
 * is, with a backlog of its own on a database of its own ({@code warmup=N} deliveries, not measured):
 * otherwise the measured backlog pays for the JIT compiling the engine's code. Arguments: {@code
 * sqlite DIR} or {@code postgres}, then optional {@code events=N warmup=N conns=N seconds=N rate=N}.
 */
public final class DeliveryBench {
    public static void main(String[] args) throws Exception {
        Map<String, Integer> opt = new ConcurrentHashMap<>(
                Map.of("events", 20000, "warmup", 10000, "conns", 64, "seconds", 10, "rate", 500));
        for (String a : Arrays.copyOfRange(args, args[0].equals("sqlite") ? 2 : 1, args.length)) {
            String[] kv = a.split("=", 2);
            opt.put(kv[0], Integer.parseInt(kv[1]));
        }
        int conns = opt.get("conns");
        try (BenchSink sink = new BenchSink()) {
            URI url = URI.create("http://127.0.0.1:" + sink.port() + "/hooks");
            int warmup = opt.get("warmup");
            if (warmup > 0) {
                backlog(args, url, conns, warmup, null); // JIT warm-up on a database of its own, not measured
            }
            double raw = rawClient(url, conns, opt.get("seconds")); // after the warm-up: the client is warm too
            System.out.printf("raw client: %.0f requests/s (%d connections)%n", raw, conns);
            Measure m = new Measure(url, conns, raw, sink, opt.get("rate"), opt.get("seconds"));
            backlog(args, url, conns, opt.get("events"), m);
        }
    }

    /** What to print about a backlog run: its rate against the raw rate, then the latency run. */
    private record Measure(URI url, int conns, double raw, BenchSink sink, int rate, int seconds) {}

    /** Delivers a backlog of {@code n} events on a fresh database; prints figures when {@code m} is given. */
    private static void backlog(String[] args, URI url, int conns, int n, Measure m) throws Exception {
        PostgresTestDatabase pg = null;
        Database db;
        if (args[0].equals("sqlite")) {
            Path dir = Files.createDirectories(Path.of(args[1]));
            Path file = Files.createTempFile(dir, "delivery-", ".db");
            Files.delete(file);
            db = Database.open(DatabaseSettings.sqlite(file));
        } else {
            pg = PostgresTestDatabase.create();
            db = pg.open(pg.settings().withMaxPoolSize(16));
        }
        JobQueue queue = new JobQueue(db, QueueSettings.defaults(), Clock.systemUTC());
        DeliverySettings settings = DeliverySettings.defaults()
                .withAllowedTargets(List.of(Cidr.parse("127.0.0.1/32")))
                .withConcurrency(conns, conns);
        // closed on failure too: its HTTP client's threads would keep the JVM alive
        try (db;
                DeliveryEngine engine =
                        DeliveryEngine.builder(queue).settings(settings).build()) {
            engine.registry()
                    .create(WebhookInput.of(url.toString(), List.of("appointment.created"))
                            .withProfile("healthie-rfc9421"));
            for (int from = 0; from < n; from += 200) {
                int start = from;
                db.writer().write(h -> {
                    for (int i = start; i < Math.min(n, start + 200); i++) {
                        engine.outbox().enqueue(h, event(i));
                    }
                    return null;
                });
            }
            long t0 = System.nanoTime();
            long cpu0 = cpuNanos();
            engine.start();
            long until = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (engine.pool().completed() < n) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException(
                            "only " + engine.pool().completed() + " of " + n + " delivered in 10 minutes");
                }
                Thread.sleep(20);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpuPer = (cpuNanos() - cpu0) / 1e3 / n;
            double rate = n / secs;
            if (m != null) {
                // the raw client again while the engine idles: the machine is shared and its rate drifts
                double after = rawClient(m.url(), m.conns(), m.seconds());
                double raw = (m.raw() + after) / 2;
                System.out.printf(
                        "raw client after the backlog: %.0f requests/s (mean of before and after %.0f)%n", after, raw);
                System.out.printf(
                        "%s engine: %d deliveries in %.2f s = %.0f deliveries/s (%.0f%% of raw),"
                                + " %.0f us of this JVM's CPU per delivery%n",
                        db.dialect(), n, secs, rate, 100 * rate / raw, cpuPer);
                System.out.printf(
                        "%s engine: %s; group commit: %d units in %d transactions%n",
                        db.dialect(),
                        engine.worker().coalescing(),
                        db.writer().unitsCommitted(),
                        db.writer().commits());
                latency(engine, m.sink(), m.rate(), m.seconds(), db.dialect().toString());
            } else {
                System.out.printf("%s warm-up: %d deliveries in %.2f s (not measured)%n", db.dialect(), n, secs);
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    /**
     * This JVM's CPU time (all threads): per delivery, it does not drift with what else runs on a
     * shared machine as rates do. PostgreSQL's own CPU is outside it.
     */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static ThinEvent event(int i) {
        return ThinEvent.of("appointment.created", Integer.toString(100_000 + i), "Appointment", BodyShape.REFERENCE);
    }

    private static double rawClient(URI url, int conns, int seconds) throws Exception {
        DeliveryClient.Settings d = DeliveryClient.Settings.defaults();
        try (DeliveryClient client = new DeliveryClient(
                new DeliveryClient.Settings(d.connectTimeout(), d.totalTimeout(), 3, 2048, conns, null),
                new AddressGuard(List.of(Cidr.parse("127.0.0.1/32"))),
                HostResolver.SYSTEM)) {
            byte[] body = ThinPayloadCodec.encodeReference(event(1));
            Map<String, String> headers = Map.of("Content-Type", "application/json");
            run(client, url, body, headers, conns, Duration.ofSeconds(2)); // warm-up
            long cpu0 = cpuNanos();
            LongAdder done = run(client, url, body, headers, conns, Duration.ofSeconds(seconds));
            System.out.printf(
                    "raw client: %.0f requests/s, %.0f us of this JVM's CPU per request%n",
                    done.sum() / (double) seconds, (cpuNanos() - cpu0) / 1e3 / done.sum());
            return done.sum() / (double) seconds;
        }
    }

    private static LongAdder run(
            DeliveryClient client, URI url, byte[] body, Map<String, String> headers, int conns, Duration d)
            throws InterruptedException {
        LongAdder done = new LongAdder();
        long end = System.nanoTime() + d.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < conns; c++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        if (client.post(url, body, u -> headers) instanceof HttpAttempt.Answered a
                                && a.status() == 200) {
                            done.increment();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return done;
    }

    /** Events at a steady rate, each in its own transaction; latency from enqueue to the sink's receipt. */
    private static void latency(DeliveryEngine engine, BenchSink sink, int rate, int seconds, String dialect)
            throws InterruptedException {
        sink.arrivals.clear();
        sink.noteArrivals = true;
        Map<String, Long> enqueued = new ConcurrentHashMap<>();
        int total = rate * seconds;
        long start = System.nanoTime();
        long every = 1_000_000_000L / rate;
        List<Thread> producers = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            long due = start + i * every;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int k = i;
            producers.add(Thread.ofVirtual().start(() -> {
                long t = System.nanoTime();
                Outbox.Enqueued e = engine.outbox().enqueue(event(1_000_000 + k));
                enqueued.put(DeliveryWorker.webhookId(e.messageIds().get(0)), t);
            }));
        }
        for (Thread t : producers) {
            t.join();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (sink.arrivals.size() < total && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long[] ms = enqueued.entrySet().stream()
                .filter(e -> sink.arrivals.containsKey(e.getKey()))
                .mapToLong(e -> sink.arrivals.get(e.getKey()) - e.getValue())
                .sorted()
                .toArray();
        System.out.printf(
                "%s latency at %d events/s for %d s: %d of %d delivered, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                dialect,
                rate,
                seconds,
                ms.length,
                total,
                ms.length == 0 ? 0 : ms[ms.length / 2] / 1e6,
                ms.length == 0 ? 0 : ms[(int) Math.min(ms.length - 1, Math.ceil(ms.length * 0.99) - 1)] / 1e6,
                ms.length == 0 ? 0 : ms[ms.length - 1] / 1e6);
        sink.noteArrivals = false;
    }
}
