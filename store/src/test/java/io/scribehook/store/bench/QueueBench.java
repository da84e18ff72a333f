package io.scribehook.store.bench;

import io.scribehook.store.Database;
import io.scribehook.store.DatabaseSettings;
import io.scribehook.store.GroupCommitter;
import io.scribehook.store.queue.CompletionResult;
import io.scribehook.store.queue.Job;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.JobRequest;
import io.scribehook.store.queue.JobSignal;
import io.scribehook.store.queue.QueueSettings;
import io.scribehook.store.testing.PostgresTestDatabase;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Queue throughput with durable commits: enqueue + claim + complete, end to end, on SQLite (WAL,
 * synchronous=FULL) and PostgreSQL (synchronous_commit as configured, normally on). Run by
 * {@code bench/queue.sh}; not a test.
 *
 * <p>Scenarios: {@code batch100}: one producer enqueues 100 jobs per transaction while two
 * consumers claim 100 and complete them with one statement (the completion of a batch in flight
 * while the next is claimed, as River's completer does); {@code batch1x16}: 16 callers each
 * enqueue one job, claim one and complete it, every step its own {@link GroupCommitter#write}.
 */
public final class QueueBench {
    private static final String QUEUE = "bench";
    private static final String PAYLOAD = "{\"webhook_id\":123456,\"event\":\"appointment.updated\"}";

    private final Path dir;
    private final int batchJobs;
    private final int singleJobs;
    private final List<String> summary = new ArrayList<>();
    private int pgWriters = io.scribehook.store.DatabaseSettings.DEFAULT_WRITER_THREADS;

    private QueueBench(Path dir, int batchJobs, int singleJobs) {
        this.dir = dir;
        this.batchJobs = batchJobs;
        this.singleJobs = singleJobs;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of("store/target/bench");
        int batchJobs = 100_000;
        int singleJobs = 20_000;
        int pgWriters = io.scribehook.store.DatabaseSettings.DEFAULT_WRITER_THREADS;
        boolean sqlite = true;
        boolean postgres = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--batch-jobs" -> batchJobs = Integer.parseInt(args[++i]);
                case "--single-jobs" -> singleJobs = Integer.parseInt(args[++i]);
                case "--sqlite-only" -> postgres = false;
                case "--postgres-only" -> sqlite = false;
                case "--pg-writers" -> pgWriters = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: QueueBench [--dir DIR] [--batch-jobs N] [--single-jobs N] "
                            + "[--sqlite-only|--postgres-only] [--pg-writers N]");
                    System.exit(2);
                }
            }
        }
        Files.createDirectories(dir);
        QueueBench bench = new QueueBench(dir.toAbsolutePath(), batchJobs, singleJobs);
        bench.pgWriters = pgWriters;
        System.out.printf(
                Locale.ROOT,
                "Scribehook queue benchmark, %s: %d cores, JDK %s, %s%n",
                LocalDate.now(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                System.getProperty("os.name"));
        System.out.printf(
                Locale.ROOT,
                "fsync: %,.0f per second (4 KiB write + FileChannel.force, %s)%n",
                fsyncsPerSecond(dir),
                dir);
        if (sqlite) {
            bench.sqlite();
        }
        if (postgres) {
            bench.postgres();
        }
        System.out.println();
        System.out.println(
                "targets: batch100 >= 20,000 jobs/s SQLite, >= 10,000 PostgreSQL; batch1x16 >= 2,000 SQLite, >= 1,000 PostgreSQL");
        bench.summary.forEach(System.out::println);
        System.exit(0);
    }

    private void sqlite() throws Exception {
        Path file = dir.resolve("queue-bench-" + ProcessHandle.current().pid() + ".db");
        try (Database db = Database.open(DatabaseSettings.sqlite(file))) {
            String pool = db.withHandle(h -> "journal_mode="
                    + h.createQuery("PRAGMA journal_mode").mapTo(String.class).one()
                    + " synchronous="
                    + h.createQuery("PRAGMA synchronous").mapTo(String.class).one()
                    + " busy_timeout="
                    + h.createQuery("PRAGMA busy_timeout").mapTo(String.class).one()
                    + " foreign_keys="
                    + h.createQuery("PRAGMA foreign_keys").mapTo(String.class).one());
            String writer = db.writer()
                    .write(h -> "journal_mode="
                            + h.createQuery("PRAGMA journal_mode")
                                    .mapTo(String.class)
                                    .one() + " synchronous="
                            + h.createQuery("PRAGMA synchronous")
                                    .mapTo(String.class)
                                    .one());
            String version = db.withHandle(h ->
                    h.createQuery("SELECT sqlite_version()").mapTo(String.class).one());
            System.out.println();
            System.out.printf(
                    "SQLite %s, %s%n  read back: pool %s; writer %s (synchronous 2 = FULL)%n",
                    version, file, pool, writer);
            run("sqlite", db);
        } finally {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
        }
    }

    private void postgres() throws Exception {
        System.out.println();
        if (!PostgresTestDatabase.reachable()) {
            System.out.printf(
                    "PostgreSQL: not reachable at %s:%d, skipped%n",
                    PostgresTestDatabase.HOST, PostgresTestDatabase.PORT);
            return;
        }
        try (PostgresTestDatabase pg = PostgresTestDatabase.create()) {
            Database db = pg.open(pg.settings().withMaxPoolSize(8).withWriterThreads(pgWriters));
            String settings = db.withHandle(h -> String.join(
                    " ",
                    "synchronous_commit=" + show(h, "synchronous_commit"),
                    "fsync=" + show(h, "fsync"),
                    "wal_sync_method=" + show(h, "wal_sync_method"),
                    "full_page_writes=" + show(h, "full_page_writes"),
                    "commit_delay=" + show(h, "commit_delay")));
            String version = db.withHandle(h -> show(h, "server_version"));
            System.out.printf(
                    "PostgreSQL %s, temporary database %s, %d writer threads%n  read back: %s%n",
                    version, pg.name(), db.writer().writerThreads(), settings);
            run("postgres", db);
        }
    }

    private static String show(org.jdbi.v3.core.Handle h, String name) {
        return h.createQuery("SHOW " + name).mapTo(String.class).one();
    }

    private void run(String name, Database db) throws Exception {
        JobQueue queue = new JobQueue(db, QueueSettings.defaults(), Clock.systemUTC());
        // warm-up (JIT, pools, statement caches); not measured
        batch(db, queue, Math.min(20_000, batchJobs / 5), false);
        single(db, queue, Math.min(4_000, singleJobs / 5), false);
        db.writer().write(h -> h.execute("DELETE FROM jobs"));
        summary.add(name + " batch100:  " + batch(db, queue, batchJobs, true));
        summary.add(name + " batch1x16: " + single(db, queue, singleJobs, true));
    }

    /** One producer (100 per transaction), two consumers (claim 100, complete 100 in one statement). */
    private String batch(Database db, JobQueue queue, int jobs, boolean report) throws Exception {
        GroupCommitter w = db.writer();
        JobSignal signal = queue.signal();
        AtomicLong completed = new AtomicLong();
        List<JobRequest> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add(JobRequest.of(QUEUE, "deliver", PAYLOAD));
        }
        long commits0 = w.commits();
        long units0 = w.unitsCommitted();
        long t0 = System.nanoTime();
        try (ExecutorService threads = Executors.newFixedThreadPool(3);
                ExecutorService completer = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> producer = threads.submit(() -> {
                for (int n = 0; n < jobs; n += 100) {
                    w.write(h -> queue.enqueueAll(h, hundred));
                }
                return null;
            });
            List<Future<?>> consumers = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                String owner = "consumer-" + c;
                consumers.add(threads.submit(() -> {
                    // like River's completer: the completion of one batch is in flight while the
                    // next is claimed, so the two share a commit
                    Future<?> completing = CompletableFuture.completedFuture(null);
                    while (completed.get() < jobs) {
                        long seen = signal.generation(QUEUE);
                        List<Job> got = queue.claim(QUEUE, owner, 100);
                        completing.get();
                        if (got.isEmpty()) {
                            signal.await(QUEUE, seen, Duration.ofMillis(50));
                            continue;
                        }
                        completing = completer.submit(() -> {
                            long n = queue.completeAll(got).stream()
                                    .filter(r -> r instanceof CompletionResult.Completed)
                                    .count();
                            completed.addAndGet(n);
                        });
                    }
                    completing.get();
                    return null;
                }));
            }
            producer.get();
            for (Future<?> f : consumers) {
                f.get();
            }
        }
        return result("batch100", jobs, completed.get(), System.nanoTime() - t0, w, commits0, units0, 3, report);
    }

    /** 16 callers: enqueue 1, claim 1, complete 1, each its own write. */
    private String single(Database db, JobQueue queue, int jobs, boolean report) throws Exception {
        GroupCommitter w = db.writer();
        AtomicLong enqueued = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        JobRequest one = JobRequest.of(QUEUE, "deliver", PAYLOAD);
        long commits0 = w.commits();
        long units0 = w.unitsCommitted();
        long t0 = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> callers = new ArrayList<>();
            for (int c = 0; c < 16; c++) {
                String owner = "caller-" + c;
                callers.add(threads.submit(() -> {
                    while (enqueued.getAndIncrement() < jobs) {
                        queue.enqueue(one);
                        for (Job j : queue.claim(QUEUE, owner, 1)) {
                            queue.complete(j);
                            completed.incrementAndGet();
                        }
                    }
                    List<Job> left;
                    while (!(left = queue.claim(QUEUE, owner, 1)).isEmpty()) {
                        queue.complete(left.get(0));
                        completed.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : callers) {
                f.get();
            }
        }
        return result("batch1x16", jobs, completed.get(), System.nanoTime() - t0, w, commits0, units0, 3, report);
    }

    private static String result(
            String scenario,
            int jobs,
            long completed,
            long nanos,
            GroupCommitter w,
            long commits0,
            long units0,
            int rowsPerJob,
            boolean report) {
        if (completed != jobs) {
            throw new IllegalStateException(scenario + ": completed " + completed + " of " + jobs);
        }
        double secs = nanos / 1e9;
        long commits = w.commits() - commits0;
        long units = w.unitsCommitted() - units0;
        String line = String.format(
                Locale.ROOT,
                "%,9d jobs in %6.2f s = %,8.0f jobs/s | %,7d commits = %,6.0f commits/s | %5.1f rows/commit | %5.2f units/commit",
                jobs,
                secs,
                jobs / secs,
                commits,
                commits / secs,
                (double) jobs * rowsPerJob / commits,
                (double) units / commits);
        if (report) {
            System.out.printf("  %-10s %s%n", scenario, line);
        }
        return line;
    }

    /** 4 KiB writes each followed by force(false) (fdatasync) for about two seconds. */
    private static double fsyncsPerSecond(Path dir) throws IOException {
        Path f = dir.resolve("fsync-probe-" + ProcessHandle.current().pid());
        try (FileChannel ch = FileChannel.open(
                f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer block = ByteBuffer.allocate(4096);
            long n = 0;
            long t0 = System.nanoTime();
            long end = t0 + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < end) {
                block.clear();
                ch.write(block, (n % 256) * 4096);
                ch.force(false);
                n++;
            }
            return n / ((System.nanoTime() - t0) / 1e9);
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
