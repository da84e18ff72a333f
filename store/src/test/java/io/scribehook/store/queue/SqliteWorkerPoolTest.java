package io.scribehook.store.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scribehook.core.time.ManualClock;
import io.scribehook.store.Database;
import io.scribehook.store.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
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

    private WorkerPool start(JobQueue queue, String owner, int concurrency, JobHandler handler, WorkerPool.Listener l) {
        WorkerPool p = new WorkerPool(queue, Q, owner, concurrency, handler, l);
        pools.add(p);
        return p.start();
    }

    @Test
    void runsJobsAndRecordsEachOutcome() {
        JobQueue queue = new JobQueue(db, FAST, Clock.systemUTC());
        long ok = queue.enqueue(JobRequest.of(Q, "ok", "{}"));
        long retryOnce = queue.enqueue(JobRequest.of(Q, "retry-once", "{}"));
        long boom = queue.enqueue(JobRequest.of(Q, "boom", "{}"));
        long bad = queue.enqueue(JobRequest.of(Q, "bad", "{}"));
        WorkerPool pool = start(queue, "w1", 4, job -> switch (job.kind()) {
            case "ok" -> JobOutcome.done();
            case "retry-once" -> job.attempt() == 1 ? JobOutcome.retry("not yet") : JobOutcome.done();
            case "boom" -> throw new IllegalStateException("handler blew up");
            default -> JobOutcome.fail("cannot be done");
        }, new WorkerPool.Listener() {
        });

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
    void aThrottleCapsTheJobsRunningAtOnceAndLiftingItRestoresTheConcurrency() throws Exception {
        JobQueue queue = new JobQueue(db, FAST, Clock.systemUTC());
        AtomicInteger limit = new AtomicInteger(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        WorkerPool pool = new WorkerPool(queue, Q, "throttled", 4, job -> {
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
            return JobOutcome.done();
        }, new WorkerPool.Listener() {
        }, limit::get);
        pools.add(pool.start());
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
        start(queue, "w1", 2, job -> new JobOutcome.Completed(db.writer().write(h -> {
            h.execute("INSERT INTO effects (job_id) VALUES (?)", job.id());
            return queue.complete(h, job);
        })), events);
        await().atMost(WAIT).until(() -> events.events.contains("completed:" + id));
        assertThat(queue.find(id).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
        int effects = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM effects").mapTo(Integer.class).one());
        assertThat(effects).isEqualTo(1);
        assertThat(events.events).noneMatch(e -> e.startsWith("stale"));
    }

    @Test
    void anIdleWorkerIsWokenByTheCommitNotByPolling() {
        JobQueue queue = new JobQueue(db, FAST, Clock.systemUTC());
        RecordingListener events = new RecordingListener();
        start(queue, "w1", 2, job -> JobOutcome.done(), events);
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
        WorkerPool a = start(queue, "holder", 1, job -> {
            release.await(60, TimeUnit.SECONDS);
            return JobOutcome.done();
        }, holder);
        await().atMost(WAIT).until(() -> holder.events.contains("claimed:" + id));
        WorkerPool b = start(queue, "other", 4, job -> JobOutcome.done(), other); // claims and sweeps too

        Duration lease = FAST.lease();
        Instant end = clock.instant().plus(lease.multipliedBy(3));
        while (clock.instant().isBefore(end)) {
            Instant now = clock.advance(Duration.ofSeconds(10));
            // the holder's next heartbeat moves the lease to (its) now + lease
            await().atMost(WAIT).until(() -> !queue.find(id).orElseThrow().leaseExpiresAt().isBefore(now.plus(lease)));
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
        WorkerPool pool = start(queue, "survivor", 2, job -> JobOutcome.done(), events);
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
        WorkerPool pool = start(queue, "w1", 1, job -> {
            release.await(60, TimeUnit.SECONDS);
            return JobOutcome.done();
        }, events);
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
