package io.scribehook.store.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.scribehook.core.time.ManualClock;
import io.scribehook.store.Database;
import io.scribehook.store.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SqliteWorkerPoolTest {
    private static final String Q = "pool";
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Heartbeats (and sweeps) every 50 ms of real time; idle pools poll only every 30 s. */
    private static final QueueSettings FAST = QueueSettings.defaults()
            .withHeartbeatInterval(Duration.ofMillis(50))
            .withPollInterval(Duration.ofSeconds(30))
            .withBackoff(List.of(Duration.ZERO))
            .withJitter(0)
            .withMaxAttempts(2);

    private Database db;
    private final List<WorkerPool> pools = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        db = TestDatabases.sqlite();
    }

    @AfterEach
    void close() {
        pools.forEach(WorkerPool::close);
        db.close();
    }

    private WorkerPool start(
            JobQueue queue, String owner, int concurrency, JobHandlers handlers, WorkerPool.Listener l) {
        WorkerPool p = WorkerPool.builder(queue, Q)
                .owner(owner)
                .concurrency(concurrency)
                .handlers(handlers)
                .listener(l)
                .build();
        pools.add(p);
        return p.start();
    }

    /** Handles every job of kind {@code kind} with {@code handler}. */
    private static JobHandlers on(String kind, JobHandler handler) {
        return JobHandlers.create().on(kind, handler);
    }

    private static JobOutcome complete(JobQueue queue, Job job) {
        return new JobOutcome.Completed(queue.complete(job));
    }

    @Test
    void runsJobsAndRecordsEachOutcome() {
        JobQueue queue = new JobQueue(db, FAST, Clock.systemUTC());
        long ok = queue.enqueue(JobRequest.of(Q, "ok", "{}"));
        long retryOnce = queue.enqueue(JobRequest.of(Q, "retry-once", "{}"));
        long boom = queue.enqueue(JobRequest.of(Q, "boom", "{}"));
        long bad = queue.enqueue(JobRequest.of(Q, "bad", "{}"));
        JobHandler flaky = job -> job.attempt() == 1 ? JobOutcome.retry("not yet") : complete(queue, job);
        WorkerPool pool = start(
                queue,
                "w1",
                4,
                JobHandlers.create()
                        .on("ok", job -> complete(queue, job))
                        .on("retry-once", flaky)
                        .on("boom", job -> {
                            throw new IllegalStateException("handler blew up");
                        })
                        .on("bad", job -> JobOutcome.fail("cannot be done")),
                new WorkerPool.Listener() {});

        await().atMost(WAIT).until(() -> pool.completed() + pool.dead() == 4);
        assertThat(pool.completed()).isEqualTo(2);
        assertThat(pool.dead()).isEqualTo(2);
        assertThat(pool.retried()).isEqualTo(2); // retry-once and boom's first attempt
        assertThat(pool.stale()).isZero();
        assertThat(queue.find(ok).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
        Job retried = queue.find(retryOnce).orElseThrow();
        assertThat(retried.state()).isEqualTo(JobState.COMPLETED);
        assertThat(retried.attempt()).isEqualTo(2);
        Job blewUp = queue.find(boom).orElseThrow();
        assertThat(blewUp.state()).isEqualTo(JobState.DEAD);
        assertThat(blewUp.attempt()).isEqualTo(2);
        assertThat(blewUp.lastError()).isEqualTo("java.lang.IllegalStateException: handler blew up");
        Job refused = queue.find(bad).orElseThrow();
        assertThat(refused.state()).isEqualTo(JobState.DEAD);
        assertThat(refused.attempt()).isEqualTo(1);
        assertThat(refused.lastError()).isEqualTo("cannot be done");
    }

    @Test
    void aJobOfAKindWithoutAHandlerIsDeadWithAReasonNamingTheKind() {
        JobQueue queue = new JobQueue(db, FAST, Clock.systemUTC());
        long stray = queue.enqueue(JobRequest.of(Q, "from-a-newer-release", "{}"));
        RecordingListener events = new RecordingListener();
        WorkerPool pool = start(queue, "w1", 2, on("known", job -> complete(queue, job)), events);
        await().atMost(WAIT).until(() -> events.events.contains("dead:" + stray));
        Job dead = queue.find(stray).orElseThrow();
        assertThat(dead.state()).isEqualTo(JobState.DEAD);
        assertThat(dead.attempt()).isEqualTo(1);
        assertThat(dead.lastError()).isEqualTo("no handler for job kind from-a-newer-release (handled here: known)");
        assertThat(pool.dead()).isEqualTo(1);
    }

    @Test
    void retryAtSnoozeAndRecordedOutcomesAreAppliedAndCounted() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));
        JobQueue queue = new JobQueue(db, FAST.withMaxAttempts(1), clock);
        Instant later = clock.instant().plusSeconds(120);
        long retryAt = queue.enqueue(JobRequest.of(Q, "retry-at", "{}").withMaxAttempts(2));
        long snooze = queue.enqueue(JobRequest.of(Q, "snooze", "{}"));
        long recorded = queue.enqueue(JobRequest.of(Q, "recorded", "{}"));
        RecordingListener events = new RecordingListener();
        WorkerPool pool = start(
                queue,
                "w1",
                4,
                JobHandlers.create()
                        .on("retry-at", job -> JobOutcome.retryAt(later, "429, Retry-After: 120"))
                        .on("snooze", job -> JobOutcome.snooze(later, "circuit open"))
                        .on(
                                "recorded",
                                job -> new JobOutcome.Recorded(db.writer().write(h -> {
                                    h.execute("CREATE TABLE IF NOT EXISTS attempts (job_id INTEGER)");
                                    h.execute("INSERT INTO attempts (job_id) VALUES (?)", job.id());
                                    return queue.retryAt(h, job, later, "recorded with its attempt row");
                                }))),
                events);

        await().atMost(WAIT).until(() -> pool.retried() == 1 && pool.snoozed() == 1 && pool.dead() == 1);
        assertThat(events.events).contains("rescheduled:" + retryAt, "snoozed:" + snooze, "dead:" + recorded);
        Job r = queue.find(retryAt).orElseThrow();
        assertThat(r.scheduledAt()).isEqualTo(later);
        assertThat(r.attempt()).isEqualTo(1);
        Job z = queue.find(snooze).orElseThrow();
        assertThat(z.state()).isEqualTo(JobState.RETRYABLE);
        assertThat(z.attempt()).isZero();
        assertThat(z.scheduledAt()).isEqualTo(later);
        assertThat(queue.find(recorded).orElseThrow().lastError()).isEqualTo("recorded with its attempt row");
        int attempts = db.jdbi()
                .withHandle(h -> h.createQuery("SELECT count(*) FROM attempts")
                        .mapTo(Integer.class)
                        .one());
        assertThat(attempts).isEqualTo(1);
        assertThat(pool.stale()).isZero();
    }

    @Test
    void aKeyedJobFailingWhileItsSuccessorWaitsIsSupersededAndCounted() throws Exception {
        JobQueue queue = new JobQueue(db, FAST, Clock.systemUTC());
        CountDownLatch successorQueued = new CountDownLatch(1);
        RecordingListener events = new RecordingListener();
        long first = queue.enqueue(JobRequest.of(Q, "refresh", "1").withUniqueKey("refresh:1"));
        WorkerPool pool = start(
                queue,
                "w1",
                1,
                on("refresh", job -> {
                    if (job.id() == first) {
                        successorQueued.await(60, TimeUnit.SECONDS);
                        return JobOutcome.retry("upstream 503");
                    }
                    return complete(queue, job);
                }),
                events);
        await().atMost(WAIT).until(() -> events.events.contains("claimed:" + first));
        long second = queue.enqueue(JobRequest.of(Q, "refresh", "1").withUniqueKey("refresh:1"));
        successorQueued.countDown();
        await().atMost(WAIT).until(() -> events.events.contains("completed:" + second));
        assertThat(events.events).contains("superseded:" + first);
        assertThat(pool.superseded()).isEqualTo(1);
        assertThat(pool.retried()).isZero();
        assertThat(queue.find(first).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void theBuilderChecksItsArguments() {
        JobQueue queue = new JobQueue(db, FAST, Clock.systemUTC());
        assertThatThrownBy(() -> WorkerPool.builder(queue, " ")).hasMessageContaining("queueName");
        WorkerPool.Builder b = WorkerPool.builder(queue, Q);
        assertThatThrownBy(() -> b.concurrency(0)).hasMessage("concurrency 0 is not allowed; use 1 or more");
        assertThatThrownBy(() -> b.owner("")).hasMessageContaining("owner");
        assertThatThrownBy(() -> b.handlers(JobHandlers.create())).hasMessageContaining("no job kind");
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("handlers");
        assertThatThrownBy(() -> JobHandlers.create().on("a", job -> null).on("a", job -> null))
                .hasMessage("job kind a already has a handler");
        WorkerPool pool = b.handlers(on("a", job -> complete(queue, job))).build();
        assertThat(pool.owner()).endsWith("/" + Q);
        assertThat(pool.queueName()).isEqualTo(Q);
    }

    @Test
    void aThrottleCapsTheJobsRunningAtOnceAndLiftingItRestoresTheConcurrency() throws Exception {
        JobQueue queue = new JobQueue(db, FAST, Clock.systemUTC());
        AtomicInteger limit = new AtomicInteger(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        JobHandler handler = job -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                if (job.kind().equals("hold")) {
                    release.await(60, TimeUnit.SECONDS);
                } else {
                    release.await(20, TimeUnit.MILLISECONDS); // a window in which a second claim would overlap
                }
            } finally {
                running.decrementAndGet();
            }
            return complete(queue, job);
        };
        WorkerPool pool = WorkerPool.builder(queue, Q)
                .owner("throttled")
                .concurrency(4)
                .handlers(JobHandlers.create().on("quick", handler).on("hold", handler))
                .throttle(limit::get)
                .start();
        pools.add(pool);
        for (int i = 0; i < 6; i++) {
            queue.enqueue(JobRequest.of(Q, "quick", "{}"));
        }
        await().atMost(WAIT).until(() -> pool.completed() == 6);
        assertThat(most.get()).isEqualTo(1);

        limit.set(Integer.MAX_VALUE);
        for (int i = 0; i < 4; i++) {
            queue.enqueue(JobRequest.of(Q, "hold", "{}"));
        }
        await().atMost(WAIT).until(() -> running.get() == 4);
        release.countDown();
        await().atMost(WAIT).until(() -> pool.completed() == 10);
    }

    @Test
    void aHandlerThatCompletesItsJobWithItsEffectsCommitsOnceAndIsCounted() {
        JobQueue queue = new JobQueue(db, FAST, Clock.systemUTC());
        db.writer().write(h -> h.execute("CREATE TABLE effects (job_id INTEGER PRIMARY KEY)"));
        long id = queue.enqueue(JobRequest.of(Q, "own-commit", "{}"));
        RecordingListener events = new RecordingListener();
        start(
                queue,
                "w1",
                2,
                on(
                        "own-commit",
                        job -> new JobOutcome.Completed(db.writer().write(h -> {
                            h.execute("INSERT INTO effects (job_id) VALUES (?)", job.id());
                            return queue.complete(h, job);
                        }))),
                events);
        await().atMost(WAIT).until(() -> events.events.contains("completed:" + id));
        assertThat(queue.find(id).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
        int effects = db.jdbi()
                .withHandle(h -> h.createQuery("SELECT count(*) FROM effects")
                        .mapTo(Integer.class)
                        .one());
        assertThat(effects).isEqualTo(1);
        assertThat(events.events).noneMatch(e -> e.startsWith("stale"));
    }

    @Test
    void anIdleWorkerIsWokenByTheCommitNotByPolling() {
        JobQueue queue = new JobQueue(db, FAST, Clock.systemUTC());
        RecordingListener events = new RecordingListener();
        start(queue, "w1", 2, on("wake", job -> complete(queue, job)), events);
        await().atMost(WAIT).until(() -> events.events.contains("idle"));

        long id = queue.enqueue(JobRequest.of(Q, "wake", "{}"));
        await().atMost(WAIT).until(() -> events.events.contains("completed:" + id));
        assertThat(events.wakeBefore("claimed:" + id)).isEqualTo("woke:SIGNAL");
        assertThat(events.events).doesNotContain("woke:POLL");
    }

    @Test
    void heartbeatsKeepALongJobForThreeLeasesAndAnotherWorkerNeverGetsIt() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));
        JobQueue queue = new JobQueue(db, FAST, clock);
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener holder = new RecordingListener();
        RecordingListener other = new RecordingListener();
        long id = queue.enqueue(JobRequest.of(Q, "long", "{}"));
        WorkerPool a = start(
                queue,
                "holder",
                1,
                on("long", job -> {
                    release.await(60, TimeUnit.SECONDS);
                    return complete(queue, job);
                }),
                holder);
        await().atMost(WAIT).until(() -> holder.events.contains("claimed:" + id));
        WorkerPool b =
                start(queue, "other", 4, on("long", job -> complete(queue, job)), other); // claims and sweeps too

        Duration lease = FAST.lease();
        Instant end = clock.instant().plus(lease.multipliedBy(3));
        while (clock.instant().isBefore(end)) {
            Instant now = clock.advance(Duration.ofSeconds(10));
            // the holder's next heartbeat moves the lease to (its) now + lease
            await().atMost(WAIT)
                    .until(() -> !queue.find(id).orElseThrow().leaseExpiresAt().isBefore(now.plus(lease)));
            assertThat(queue.reclaimExpired()).isZero();
            queue.nudge(Q); // make the other pool claim again at this time
        }
        Job held = queue.find(id).orElseThrow();
        assertThat(held.state()).isEqualTo(JobState.RUNNING);
        assertThat(held.leaseOwner()).isEqualTo("holder");
        assertThat(held.attempt()).isEqualTo(1);
        assertThat(b.claimed()).isZero();

        release.countDown();
        await().atMost(WAIT).until(() -> a.completed() == 1);
        assertThat(a.stale()).isZero();
        assertThat(holder.events).doesNotContain("leaseLost:" + id);
        assertThat(queue.find(id).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void aCrashedWorkersJobIsPickedUpAfterItsLease() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));
        JobQueue queue = new JobQueue(db, FAST, clock);
        long id = queue.enqueue(JobRequest.of(Q, "orphan", "{}"));
        assertThat(queue.claim(Q, "crashed-worker", 1)).hasSize(1); // and then it died
        RecordingListener events = new RecordingListener();
        WorkerPool pool = start(queue, "survivor", 2, on("orphan", job -> complete(queue, job)), events);
        await().atMost(WAIT).until(() -> events.events.contains("idle"));
        assertThat(pool.claimed()).isZero();

        clock.advance(FAST.lease()); // the survivor's sweep reclaims it and wakes the pool
        await().atMost(WAIT).until(() -> pool.completed() == 1);
        Job done = queue.find(id).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.attempt()).isEqualTo(2);
        assertThat(done.lastError()).contains("lease of crashed-worker expired");
    }

    @Test
    void closeWaitsForTheRunningJobThenStopsClaiming() throws Exception {
        JobQueue queue = new JobQueue(db, FAST, Clock.systemUTC());
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener events = new RecordingListener();
        long id = queue.enqueue(JobRequest.of(Q, "slow", "{}"));
        WorkerPool pool = start(
                queue,
                "w1",
                1,
                on("slow", job -> {
                    release.await(60, TimeUnit.SECONDS);
                    return complete(queue, job);
                }),
                events);
        await().atMost(WAIT).until(() -> events.events.contains("claimed:" + id));

        CountDownLatch closing = new CountDownLatch(1);
        Thread closer = Thread.ofVirtual().start(() -> {
            closing.countDown();
            pool.close();
        });
        assertThat(closing.await(30, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        closer.join(WAIT);
        assertThat(closer.isAlive()).isFalse();
        // close() returned only after the job had finished and been recorded
        assertThat(queue.find(id).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
        assertThat(pool.completed()).isEqualTo(1);

        long later = queue.enqueue(JobRequest.of(Q, "after-close", "{}"));
        assertThat(pool.claimed()).isEqualTo(1);
        assertThat(queue.find(later).orElseThrow().state()).isEqualTo(JobState.AVAILABLE);
    }
}
