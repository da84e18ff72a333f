package io.scribehook.store.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.scribehook.core.time.ManualClock;
import io.scribehook.store.Database;
import io.scribehook.store.GroupCommitter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue's behaviour, run against every database by a small subclass per dialect. Time moves
 * only through a {@link ManualClock}; concurrency is asserted by outcome and order, never by timing.
 */
public abstract class JobQueueContract {
    protected static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    protected static final String Q = "work";

    protected final ExecutorService async = Executors.newVirtualThreadPerTaskExecutor();
    protected Database db;
    protected ManualClock clock;
    protected QueueSettings settings;
    protected JobQueue queue;

    /** A database with the migrated schema and no jobs; closed by the contract. */
    protected abstract Database openDatabase();

    /** What wakes a waiter in this process after an enqueue commits. */
    protected abstract WakeReason localWakeReason();

    @BeforeEach
    void setUpQueue() {
        db = openDatabase();
        clock = new ManualClock(T0);
        settings = QueueSettings.defaults()
                .withBackoff(List.of(Duration.ofSeconds(1), Duration.ofSeconds(5)))
                .withJitter(0)
                .withMaxAttempts(4);
        queue = new JobQueue(db, settings, clock);
    }

    @AfterEach
    void closeDatabase() {
        async.shutdownNow();
        if (db != null) {
            db.close();
        }
    }

    private long enqueue(String kind) {
        return queue.enqueue(JobRequest.of(Q, kind, "{\"n\":\"" + kind + "\"}"));
    }

    /** Jobs of {@link #Q} in {@code state}, counted directly (the queue does not count completed ones). */
    protected long count(JobState state) {
        return db.withHandle(h -> h.createQuery("SELECT count(*) FROM jobs WHERE queue = ? AND state = ?")
                .bind(0, Q)
                .bind(1, state.sql())
                .mapTo(long.class)
                .one());
    }

    @Test
    void enqueueClaimComplete() {
        long id = enqueue("a");
        Job fresh = queue.find(id).orElseThrow();
        assertThat(fresh.state()).isEqualTo(JobState.AVAILABLE);
        assertThat(fresh.attempt()).isZero();
        assertThat(fresh.maxAttempts()).isEqualTo(4);
        assertThat(fresh.createdAt()).isEqualTo(T0);
        assertThat(fresh.scheduledAt()).isEqualTo(T0);

        List<Job> claimed = queue.claim(Q, "w1", 10);
        assertThat(claimed).hasSize(1);
        Job j = claimed.get(0);
        assertThat(j.id()).isEqualTo(id);
        assertThat(j.state()).isEqualTo(JobState.RUNNING);
        assertThat(j.attempt()).isEqualTo(1);
        assertThat(j.version()).isEqualTo(fresh.version() + 1);
        assertThat(j.leaseOwner()).isEqualTo("w1");
        assertThat(j.leaseExpiresAt()).isEqualTo(T0.plus(settings.lease()));
        assertThat(j.payload()).isEqualTo("{\"n\":\"a\"}");
        assertThat(j.kind()).isEqualTo("a");
        assertThat(queue.counts(Q)).isEqualTo(new QueueCounts(0, 1, 0, 0));

        assertThat(queue.complete(j)).isEqualTo(new CompletionResult.Completed(id));
        Job done = queue.find(id).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.leaseOwner()).isNull();
        assertThat(done.leaseExpiresAt()).isNull();
        assertThat(queue.counts(Q)).isEqualTo(new QueueCounts(0, 0, 0, 0));
        assertThat(count(JobState.COMPLETED)).isEqualTo(1);
        assertThat(queue.counts("other")).isEqualTo(new QueueCounts(0, 0, 0, 0));
        assertThat(queue.claim(Q, "w1", 10)).isEmpty();
    }

    @Test
    void enqueueIsRolledBackWithItsTransaction() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> db.writer().write(h -> {
                    queue.enqueue(h, JobRequest.of(Q, "lost", "{}"));
                    throw boom;
                }))
                .isSameAs(boom);
        assertThat(queue.claim(Q, "w1", 10)).isEmpty();
        assertThat(queue.counts(Q)).isEqualTo(new QueueCounts(0, 0, 0, 0));

        long kept = db.writer().write(h -> queue.enqueue(h, JobRequest.of(Q, "kept", "{}")));
        assertThat(queue.claim(Q, "w1", 10)).extracting(Job::id).containsExactly(kept);
    }

    @Test
    void wakeUpIsSentAtCommitAndNotOnRollback() {
        JobSignal signal = queue.signal();
        long rolledBefore = signal.generation("rolled");
        long keptBefore = signal.generation("kept");
        assertThatThrownBy(() -> db.writer().write(h -> {
                    queue.enqueue(h, JobRequest.of("rolled", "x", "{}"));
                    throw new IllegalStateException("roll back");
                }))
                .hasMessage("roll back");
        queue.enqueue(JobRequest.of("kept", "x", "{}"));
        // notices arrive in commit order, so once "kept" has arrived a "rolled" one would have too
        await().atMost(Duration.ofSeconds(10)).until(() -> signal.generation("kept") > keptBefore);
        assertThat(signal.generation("rolled")).isEqualTo(rolledBefore);
    }

    @Test
    void waiterIsWokenByTheCommitOfAnEnqueue() throws Exception {
        JobSignal signal = queue.signal();
        long seen = signal.generation(Q);
        CompletableFuture<WakeReason> woke = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return signal.await(Q, seen, Duration.ofSeconds(30));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                },
                async);
        enqueue("wake");
        assertThat(woke.get(20, TimeUnit.SECONDS)).isEqualTo(localWakeReason());
    }

    @Test
    void claimsInPriorityThenScheduleThenIdOrderAndOnlyWhenDue() {
        long later = queue.enqueue(JobRequest.of(Q, "later", "{}").withRunAt(T0.plusSeconds(60)));
        long low = queue.enqueue(JobRequest.of(Q, "low", "{}").withPriority(5));
        long first = queue.enqueue(JobRequest.of(Q, "first", "{}"));
        long second = queue.enqueue(JobRequest.of(Q, "second", "{}"));
        long urgent = queue.enqueue(JobRequest.of(Q, "urgent", "{}").withPriority(-1));
        queue.enqueue(JobRequest.of("elsewhere", "other-queue", "{}"));

        assertThat(queue.claim(Q, "w", 2)).extracting(Job::id).containsExactly(urgent, first);
        assertThat(queue.claim(Q, "w", 10)).extracting(Job::id).containsExactly(second, low);
        assertThat(queue.claim(Q, "w", 10)).isEmpty();
        clock.advance(Duration.ofSeconds(59));
        assertThat(queue.claim(Q, "w", 10)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(queue.claim(Q, "w", 10)).extracting(Job::id).containsExactly(later);
    }

    @Test
    void enqueueAllKeepsRequestOrder() {
        List<JobRequest> requests = new ArrayList<>();
        for (int i = 0; i < 1_234; i++) {
            requests.add(JobRequest.of(Q, "bulk", "{\"i\":" + i + "}"));
        }
        List<Long> ids = db.writer().write(h -> queue.enqueueAll(h, requests));
        assertThat(ids).hasSize(1_234).doesNotHaveDuplicates().isSorted();
        assertThat(queue.find(ids.get(700)).orElseThrow().payload()).isEqualTo("{\"i\":700}");
        assertThat(queue.counts(Q).available()).isEqualTo(1_234L);
    }

    @Test
    void noJobIsClaimedTwiceByConcurrentClaimers() throws Exception {
        int jobs = 2_000;
        List<JobRequest> requests = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            requests.add(JobRequest.of(Q, "race", "{}"));
        }
        db.writer().write(h -> queue.enqueueAll(h, requests));
        Map<Long, String> owners = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        int claimers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        try {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int c = 0; c < claimers; c++) {
                String owner = "claimer-" + c;
                done.add(CompletableFuture.runAsync(
                        () -> {
                            List<Job> got;
                            while (!(got = queue.claim(Q, owner, 7)).isEmpty()) {
                                for (Job j : got) {
                                    if (owners.putIfAbsent(j.id(), owner) != null) {
                                        duplicates.incrementAndGet();
                                    }
                                }
                            }
                        },
                        pool));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(duplicates).hasValue(0);
        assertThat(owners).hasSize(jobs);
        assertThat(queue.counts(Q)).isEqualTo(new QueueCounts(0, jobs, 0, 0));
        long id = owners.keySet().iterator().next();
        Job j = queue.find(id).orElseThrow();
        assertThat(j.attempt()).isEqualTo(1);
        assertThat(j.leaseOwner()).isEqualTo(owners.get(id));
    }

    @Test
    void heartbeatsKeepAJobForThreeLeasesAndNoOtherWorkerGetsIt() {
        long id = enqueue("long");
        Job mine = queue.claim(Q, "w1", 1).get(0);
        Duration step = settings.heartbeatInterval();
        Instant end = T0.plus(settings.lease().multipliedBy(3));
        while (clock.instant().isBefore(end)) {
            clock.advance(step);
            assertThat(queue.heartbeat(mine)).isTrue();
            assertThat(queue.reclaimExpired()).isZero();
            assertThat(queue.claim(Q, "w2", 10)).isEmpty();
            assertThat(queue.find(id).orElseThrow().leaseExpiresAt())
                    .isEqualTo(clock.instant().plus(settings.lease()));
        }
        assertThat(queue.complete(mine)).isInstanceOf(CompletionResult.Completed.class);
        assertThat(queue.find(id).orElseThrow().attempt()).isEqualTo(1);
    }

    @Test
    void aCrashedWorkersJobIsReclaimedAfterItsLease() {
        long id = enqueue("crash");
        Job lost = queue.claim(Q, "w1", 1).get(0); // w1 dies: no heartbeat, no completion

        clock.advance(settings.lease().minusMillis(1));
        assertThat(queue.reclaimExpired()).isZero();
        assertThat(queue.claim(Q, "w2", 1)).isEmpty();

        clock.advance(Duration.ofMillis(1));
        assertThat(queue.reclaimExpired()).isEqualTo(1);
        Job back = queue.find(id).orElseThrow();
        assertThat(back.state()).isEqualTo(JobState.RETRYABLE);
        assertThat(back.version()).isEqualTo(lost.version() + 1);
        assertThat(back.leaseOwner()).isNull();
        assertThat(back.lastError()).contains("lease of w1 expired");

        Job again = queue.claim(Q, "w2", 1).get(0);
        assertThat(again.id()).isEqualTo(id);
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.leaseOwner()).isEqualTo("w2");
        assertThat(queue.complete(again)).isInstanceOf(CompletionResult.Completed.class);
    }

    @Test
    void anExpiredJobOutOfAttemptsIsReclaimedAsDead() {
        long id = queue.enqueue(JobRequest.of(Q, "once", "{}").withMaxAttempts(1));
        queue.claim(Q, "w1", 1);
        clock.advance(settings.lease());
        assertThat(queue.reclaimExpired()).isEqualTo(1);
        assertThat(queue.find(id).orElseThrow().state()).isEqualTo(JobState.DEAD);
        assertThat(queue.claim(Q, "w2", 1)).isEmpty();
    }

    @Test
    void retryScheduleIsHonouredAndTheJobDiesAfterItsLastAttempt() {
        long id = enqueue("flaky");
        // backoff 1s, 5s (last entry repeats); 4 attempts
        Duration[] expected = {Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5)};
        for (int attempt = 1; attempt <= 3; attempt++) {
            Job j = queue.claim(Q, "w", 1).get(0);
            assertThat(j.attempt()).isEqualTo(attempt);
            Instant now = clock.instant();
            FailureResult r = queue.fail(j, "upstream 503 on attempt " + attempt, true);
            assertThat(r).isEqualTo(new FailureResult.Rescheduled(id, attempt, now.plus(expected[attempt - 1])));
            Job waiting = queue.find(id).orElseThrow();
            assertThat(waiting.state()).isEqualTo(JobState.RETRYABLE);
            assertThat(waiting.lastError()).isEqualTo("upstream 503 on attempt " + attempt);

            clock.advance(expected[attempt - 1].minusMillis(1));
            assertThat(queue.claim(Q, "w", 1)).isEmpty();
            clock.advance(Duration.ofMillis(1));
        }
        Job last = queue.claim(Q, "w", 1).get(0);
        assertThat(last.attempt()).isEqualTo(4);
        assertThat(queue.fail(last, "still failing", true)).isEqualTo(new FailureResult.Dead(id, 4));
        Job dead = queue.find(id).orElseThrow();
        assertThat(dead.state()).isEqualTo(JobState.DEAD);
        assertThat(dead.lastError()).isEqualTo("still failing");
        clock.advance(Duration.ofHours(1));
        assertThat(queue.claim(Q, "w", 1)).isEmpty();
        assertThat(queue.counts(Q)).isEqualTo(new QueueCounts(0, 0, 0, 1));
    }

    @Test
    void aNonRetryableFailureIsDeadAtOnce() {
        long id = enqueue("bad-input");
        Job j = queue.claim(Q, "w", 1).get(0);
        assertThat(queue.fail(j, "payload invalid", false)).isEqualTo(new FailureResult.Dead(id, 1));
        assertThat(queue.find(id).orElseThrow().state()).isEqualTo(JobState.DEAD);
    }

    @Test
    void jitterSpreadsRetriesWithinItsBounds() {
        JobQueue jittery = new JobQueue(
                db, settings.withBackoff(List.of(Duration.ofSeconds(10))).withJitter(0.2), clock);
        Set<Instant> times = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            jittery.enqueue(JobRequest.of(Q, "j", "{}"));
            Job j = jittery.claim(Q, "w", 1).get(0);
            FailureResult.Rescheduled r = (FailureResult.Rescheduled) jittery.fail(j, "x", true);
            assertThat(r.at()).isBetween(T0.plusSeconds(8), T0.plusSeconds(12));
            times.add(r.at());
        }
        assertThat(times).hasSizeGreaterThan(1);
    }

    // ------------------------------------------------------------------ retry at, snooze

    @Test
    void retryAtSpendsAnAttemptAndRunsNoSoonerThanAsked() {
        long id = enqueue("rate-limited");
        Job first = queue.claim(Q, "w", 1).get(0);
        Instant at = T0.plusSeconds(90);
        assertThat(queue.retryAt(first, at, "429, Retry-After: 90"))
                .isEqualTo(new FailureResult.Rescheduled(id, 1, at));
        Job waiting = queue.find(id).orElseThrow();
        assertThat(waiting.state()).isEqualTo(JobState.RETRYABLE);
        assertThat(waiting.attempt()).isEqualTo(1);
        assertThat(waiting.lastError()).isEqualTo("429, Retry-After: 90");
        clock.advance(Duration.ofSeconds(90).minusMillis(1));
        assertThat(queue.claim(Q, "w", 1)).isEmpty();
        clock.advance(Duration.ofMillis(1));
        Job second = queue.claim(Q, "w", 1).get(0);
        assertThat(second.attempt()).isEqualTo(2);

        // a time already past means now
        assertThat(queue.retryAt(second, T0, "again")).isEqualTo(new FailureResult.Rescheduled(id, 2, clock.instant()));
        assertThat(queue.claim(Q, "w", 1)).extracting(Job::id).containsExactly(id);
    }

    @Test
    void retryAtOfTheLastAttemptIsDead() {
        long id = queue.enqueue(JobRequest.of(Q, "once", "{}").withMaxAttempts(1));
        Job j = queue.claim(Q, "w", 1).get(0);
        assertThat(queue.retryAt(j, T0.plusSeconds(5), "429")).isEqualTo(new FailureResult.Dead(id, 1));
        assertThat(queue.find(id).orElseThrow().state()).isEqualTo(JobState.DEAD);
    }

    @Test
    void snoozeRunsTheJobLaterWithoutSpendingAnAttempt() {
        long id = queue.enqueue(JobRequest.of(Q, "behind-a-breaker", "{}").withMaxAttempts(1));
        for (int i = 0; i < 3; i++) {
            Job j = queue.claim(Q, "w", 1).get(0);
            assertThat(j.attempt()).isEqualTo(1);
            Instant until = clock.instant().plusSeconds(60);
            assertThat(queue.snooze(j, until, "circuit open")).isEqualTo(new FailureResult.Snoozed(id, until));
            Job snoozed = queue.find(id).orElseThrow();
            assertThat(snoozed.state()).isEqualTo(JobState.RETRYABLE);
            assertThat(snoozed.attempt()).isZero();
            assertThat(snoozed.lastError()).isEqualTo("circuit open");
            assertThat(snoozed.version()).isEqualTo(j.version() + 1);
            clock.advance(Duration.ofSeconds(59));
            assertThat(queue.claim(Q, "w", 1)).isEmpty();
            clock.advance(Duration.ofSeconds(1));
        }
        Job last = queue.claim(Q, "w", 1).get(0);
        assertThat(queue.fail(last, "upstream 503", true)).isEqualTo(new FailureResult.Dead(id, 1));
    }

    @Test
    void retryAtAndSnoozeAreGuardedAndJoinTheCallersTransaction() {
        long id = enqueue("guarded");
        Job w1 = queue.claim(Q, "w1", 1).get(0);
        IllegalStateException boom = new IllegalStateException("effects failed");
        assertThatThrownBy(() -> db.writer().write(h -> {
                    assertThat(queue.snooze(h, w1, T0.plusSeconds(60), "circuit open"))
                            .isInstanceOf(FailureResult.Snoozed.class);
                    throw boom;
                }))
                .isSameAs(boom);
        assertThat(queue.find(id).orElseThrow()).satisfies(j -> {
            assertThat(j.state()).isEqualTo(JobState.RUNNING);
            assertThat(j.version()).isEqualTo(w1.version());
        });

        clock.advance(settings.lease());
        queue.reclaimExpired();
        Job w2 = queue.claim(Q, "w2", 1).get(0);
        assertThat(queue.retryAt(w1, T0.plusSeconds(90), "late")).isEqualTo(new FailureResult.Stale(id));
        assertThat(queue.snooze(w1, T0.plusSeconds(90), "late")).isEqualTo(new FailureResult.Stale(id));
        FailureResult inTransaction =
                db.writer().write(h -> queue.retryAt(h, w2, clock.instant().plusSeconds(5), "429"));
        assertThat(inTransaction).isInstanceOf(FailureResult.Rescheduled.class);
    }

    // ------------------------------------------------------------------ unique jobs

    protected static JobRequest keyed(String key) {
        return JobRequest.of(Q, "refresh", "{\"k\":\"" + key + "\"}").withUniqueKey(key);
    }

    @Test
    void aSecondRequestWithAPendingKeyInsertsNothing() {
        EnqueueResult first = queue.offer(keyed("refresh:1"));
        assertThat(first).isInstanceOf(EnqueueResult.Inserted.class);
        assertThat(first.inserted()).isTrue();
        EnqueueResult again = queue.offer(keyed("refresh:1"));
        assertThat(again).isEqualTo(new EnqueueResult.AlreadyPending(first.id()));
        assertThat(again.inserted()).isFalse();
        assertThat(queue.enqueue(keyed("refresh:1"))).isEqualTo(first.id());
        assertThat(queue.find(first.id()).orElseThrow().uniqueKey()).isEqualTo("refresh:1");

        assertThat(queue.offer(keyed("refresh:2")).inserted()).isTrue();
        assertThat(queue.offer(JobRequest.of("elsewhere", "refresh", "{}").withUniqueKey("refresh:1"))
                        .inserted())
                .isTrue();
        assertThat(queue.offer(JobRequest.of(Q, "plain", "{}")).inserted()).isTrue();
        assertThat(queue.offer(JobRequest.of(Q, "plain", "{}")).inserted()).isTrue();
        assertThat(queue.counts(Q).available()).isEqualTo(4);
    }

    @Test
    void aKeyedRequestThatFindsNoJobPendingWakesWorkersAndARolledBackOneLeavesNoKey() {
        long seen = queue.signal().generation(Q);
        assertThatThrownBy(() -> db.writer().write(h -> {
                    queue.offer(h, keyed("refresh:9"));
                    throw new IllegalStateException("roll back");
                }))
                .hasMessage("roll back");
        assertThat(queue.offer(keyed("refresh:9")).inserted()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.signal().generation(Q) > seen);
    }

    @Test
    void aRequestWhileTheKeyedJobRunsSchedulesAnother() {
        long running = queue.enqueue(keyed("refresh:1"));
        Job r = queue.claim(Q, "w", 1).get(0);
        EnqueueResult during = queue.offer(keyed("refresh:1"));
        assertThat(during).isInstanceOf(EnqueueResult.Inserted.class);
        assertThat(during.id()).isNotEqualTo(running);
        assertThat(queue.offer(keyed("refresh:1"))).isEqualTo(new EnqueueResult.AlreadyPending(during.id()));
        assertThat(queue.complete(r)).isEqualTo(new CompletionResult.Completed(running));
        assertThat(queue.claim(Q, "w", 10)).extracting(Job::id).containsExactly(during.id());
    }

    @Test
    void aKeyedJobGoingBackWhileAnotherWithItsKeyIsPendingIsSuperseded() {
        for (String how : List.of("fail", "retryAt", "snooze")) {
            String key = "refresh:" + how;
            long first = queue.enqueue(keyed(key));
            Job running = queue.claim(Q, "w", 1).get(0);
            long pending = queue.enqueue(keyed(key));
            FailureResult r = switch (how) {
                case "fail" -> queue.fail(running, "upstream 503", true);
                case "retryAt" -> queue.retryAt(running, clock.instant().plusSeconds(30), "upstream 503");
                default -> queue.snooze(running, clock.instant().plusSeconds(30), "upstream 503");
            };
            assertThat(r).as(how).isEqualTo(new FailureResult.Superseded(first, pending));
            Job superseded = queue.find(first).orElseThrow();
            assertThat(superseded.state()).isEqualTo(JobState.COMPLETED);
            assertThat(superseded.lastError()).isEqualTo("superseded by pending job " + pending + ": upstream 503");
            assertThat(queue.find(pending).orElseThrow().state()).isEqualTo(JobState.AVAILABLE);
            assertThat(queue.complete(queue.claim(Q, "w", 1).get(0)))
                    .isEqualTo(new CompletionResult.Completed(pending));
        }
    }

    @Test
    void aKeyedJobGoesBackWhenNoOtherIsPendingAndDiesForGoodRegardless() {
        long id = queue.enqueue(keyed("refresh:1"));
        Job first = queue.claim(Q, "w", 1).get(0);
        assertThat(queue.fail(first, "503", true)).isInstanceOf(FailureResult.Rescheduled.class);
        assertThat(queue.offer(keyed("refresh:1"))).isEqualTo(new EnqueueResult.AlreadyPending(id));

        clock.advance(Duration.ofSeconds(1));
        Job second = queue.claim(Q, "w", 1).get(0);
        long other = queue.enqueue(keyed("refresh:1"));
        assertThat(queue.fail(second, "bad input", false)).isEqualTo(new FailureResult.Dead(id, 2));
        assertThat(queue.find(other).orElseThrow().state()).isEqualTo(JobState.AVAILABLE);
    }

    @Test
    void expiredKeyedJobsAreReclaimedWithoutTwoPendingPerKey() {
        long a = queue.enqueue(keyed("refresh:1"));
        queue.claim(Q, "w1", 1);
        long b = queue.enqueue(keyed("refresh:1"));
        queue.claim(Q, "w2", 1);
        long once = queue.enqueue(keyed("refresh:2").withMaxAttempts(1));
        queue.claim(Q, "w3", 1);
        long plain = enqueue("plain");
        queue.claim(Q, "w4", 1);
        // both jobs with key refresh:1 run; their workers die
        clock.advance(settings.lease());
        assertThat(queue.reclaimExpired()).isEqualTo(4);

        Map<JobState, Long> byState = new java.util.EnumMap<>(JobState.class);
        for (long id : List.of(a, b)) {
            byState.merge(queue.find(id).orElseThrow().state(), 1L, Long::sum);
        }
        assertThat(byState).containsExactlyInAnyOrderEntriesOf(Map.of(JobState.RETRYABLE, 1L, JobState.COMPLETED, 1L));
        assertThat(queue.find(once).orElseThrow().state()).isEqualTo(JobState.DEAD);
        assertThat(queue.find(plain).orElseThrow().state()).isEqualTo(JobState.RETRYABLE);
        assertThat(queue.reclaimExpired()).isZero();
    }

    @Test
    void enqueueAllFoldsKeyedRequestsAndKeepsRequestOrder() {
        List<Long> ids = db.writer()
                .write(h -> queue.enqueueAll(
                        h,
                        List.of(
                                JobRequest.of(Q, "p", "{\"i\":0}"),
                                keyed("k1"),
                                JobRequest.of(Q, "p", "{\"i\":2}"),
                                keyed("k1"),
                                keyed("k2"))));
        assertThat(ids).hasSize(5);
        assertThat(ids.get(3)).isEqualTo(ids.get(1));
        assertThat(Set.copyOf(ids)).hasSize(4);
        assertThat(queue.find(ids.get(2)).orElseThrow().payload()).isEqualTo("{\"i\":2}");
        assertThat(queue.find(ids.get(4)).orElseThrow().uniqueKey()).isEqualTo("k2");
        assertThat(queue.counts(Q).available()).isEqualTo(4);
    }

    @Test
    void aStaleWorkerIsRejectedByTheVersionGuard() {
        long id = enqueue("contested");
        Job w1 = queue.claim(Q, "w1", 1).get(0);
        clock.advance(settings.lease());
        assertThat(queue.reclaimExpired()).isEqualTo(1);
        Job w2 = queue.claim(Q, "w2", 1).get(0);
        assertThat(w2.version()).isGreaterThan(w1.version());

        assertThat(queue.heartbeat(w1)).isFalse();
        assertThat(queue.complete(w1)).isEqualTo(new CompletionResult.Stale(id));
        assertThat(queue.fail(w1, "late", true)).isEqualTo(new FailureResult.Stale(id));
        assertThat(queue.find(id).orElseThrow().leaseOwner()).isEqualTo("w2");

        assertThat(queue.complete(w2)).isEqualTo(new CompletionResult.Completed(id));
        assertThat(queue.complete(w2)).isEqualTo(new CompletionResult.Stale(id));
        assertThat(queue.find(id).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void completeAllFinishesABatchAndReportsStaleOnes() {
        for (int i = 0; i < 10; i++) {
            enqueue("batch-" + i);
        }
        List<Job> jobs = queue.claim(Q, "w", 10);
        assertThat(queue.complete(jobs.get(3))).isInstanceOf(CompletionResult.Completed.class);
        List<CompletionResult> results = queue.completeAll(jobs);
        assertThat(results).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(results.get(i).id()).isEqualTo(jobs.get(i).id());
            assertThat(results.get(i))
                    .isInstanceOf(i == 3 ? CompletionResult.Stale.class : CompletionResult.Completed.class);
        }
        assertThat(count(JobState.COMPLETED)).isEqualTo(10);
    }

    @Test
    void retentionDeletesFinishedJobsPastItInBatchesAndKeepsTheRest() {
        for (int i = 0; i < 5; i++) {
            enqueue("old-" + i);
        }
        List<Job> old = queue.claim(Q, "w", 5);
        queue.completeAll(old.subList(0, 4));
        queue.fail(old.get(4), "gone", false);
        long oldRunning = enqueue("old-but-running");
        queue.claim(Q, "w", 1);
        clock.advance(Duration.ofDays(1));
        long recent = enqueue("recent");
        queue.complete(queue.claim(Q, "w", 1).get(0));
        long waiting = enqueue("waiting");

        JobRetention retention = new JobRetention(db, Duration.ofHours(23), clock, 2);
        assertThat(retention.runOnce()).isEqualTo(5);
        assertThat(retention.runOnce()).isZero();
        assertThat(queue.find(old.get(0).id())).isEmpty();
        assertThat(queue.find(old.get(4).id())).isEmpty();
        assertThat(queue.find(oldRunning)).isPresent();
        assertThat(queue.find(recent)).isPresent();
        assertThat(queue.find(waiting)).isPresent();

        clock.advance(Duration.ofDays(1));
        assertThat(retention.runOnce()).isEqualTo(1);
        assertThat(queue.find(recent)).isEmpty();
        assertThat(queue.find(waiting)).isPresent();
    }

    @Test
    void retentionRunsOnItsSchedule() {
        enqueue("done");
        queue.complete(queue.claim(Q, "w", 1).get(0));
        clock.advance(Duration.ofDays(8));
        try (JobRetention retention =
                new JobRetention(db, Duration.ofDays(7), clock, 1000).start(Duration.ZERO, Duration.ofHours(1))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> count(JobState.COMPLETED) == 0);
        }
    }

    @Test
    void countsServeWaitingRunningAndDeadJobsPerQueue() {
        for (int i = 0; i < 4; i++) {
            enqueue("c" + i);
        }
        queue.enqueue(JobRequest.of("elsewhere", "x", "{}"));
        List<Job> got = queue.claim(Q, "w", 3);
        queue.fail(got.get(0), "later", true);
        queue.fail(got.get(1), "never", false);
        assertThat(queue.counts(Q)).isEqualTo(new QueueCounts(1, 1, 1, 1));
        assertThat(queue.counts(Q).of(JobState.RETRYABLE)).isEqualTo(1);
        assertThatThrownBy(() -> queue.counts(Q).of(JobState.COMPLETED)).isInstanceOf(IllegalArgumentException.class);
        assertThat(queue.counts("elsewhere")).isEqualTo(new QueueCounts(1, 0, 0, 0));
    }

    // ------------------------------------------------------------------ group commit

    @Test
    void concurrentWritersShareCommits() throws Exception {
        GroupCommitter w = db.writer();
        long commits0 = w.commits();
        long units0 = w.unitsCommitted();
        int threads = 16;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                all.add(CompletableFuture.runAsync(
                        () -> {
                            for (int i = 0; i < perThread; i++) {
                                queue.enqueue(JobRequest.of(Q, "gc", "{}"));
                            }
                        },
                        pool));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        long units = w.unitsCommitted() - units0;
        long commits = w.commits() - commits0;
        assertThat(units).isEqualTo(threads * perThread);
        assertThat(commits).isLessThan(units);
        assertThat(queue.counts(Q).available()).isEqualTo((long) threads * perThread);
    }

    /**
     * Occupies every writer thread with a unit that waits for the returned latch, so that units
     * written meanwhile queue up and are drained together once it is released.
     */
    private CountDownLatch holdWriters() {
        GroupCommitter w = db.writer();
        int writers = w.writerThreads();
        CountDownLatch holding = new CountDownLatch(writers);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < writers; i++) {
            async.submit(() -> w.write(h -> {
                holding.countDown();
                return release.await(30, TimeUnit.SECONDS);
            }));
            long stillFree = writers - i - 1L;
            await().atMost(Duration.ofSeconds(30)).until(() -> holding.getCount() == stillFree);
        }
        return release;
    }

    @Test
    void queuedUnitsThatAllSucceedAreCommittedTogether() throws Exception {
        GroupCommitter w = db.writer();
        CountDownLatch release = holdWriters();
        long commits0 = w.commits();
        int units = 10;
        List<CompletableFuture<Long>> results = new ArrayList<>();
        for (int i = 0; i < units; i++) {
            results.add(CompletableFuture.supplyAsync(() -> queue.enqueue(JobRequest.of(Q, "together", "{}")), async));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> w.pending() == units);
        release.countDown();
        for (CompletableFuture<Long> f : results) {
            assertThat(queue.find(f.get(30, TimeUnit.SECONDS))).isPresent();
        }
        assertThat(w.commits() - commits0).isLessThanOrEqualTo(w.writerThreads() * 2L);
        assertThat(queue.counts(Q).available()).isEqualTo(units);
    }

    @Test
    void waitingUnitsAreCommittedTogetherAndAFailingUnitRollsBackAlone() throws Exception {
        GroupCommitter w = db.writer();
        CountDownLatch release = holdWriters();
        long commits0 = w.commits();

        int units = 12;
        IllegalStateException javaFailure = new IllegalStateException("unit 4 gives up");
        List<CompletableFuture<Long>> results = new ArrayList<>();
        for (int i = 0; i < units; i++) {
            int n = i;
            results.add(CompletableFuture.supplyAsync(
                    () -> w.write((Handle h) -> {
                        long id = queue.enqueue(h, JobRequest.of(Q, "unit-" + n, "{}"));
                        if (n == 4) {
                            throw javaFailure; // after its insert: the insert must go too
                        }
                        if (n == 7) {
                            // a database error (CHECK violation); on PostgreSQL it aborts the transaction
                            // unless the unit's savepoint is rolled back
                            h.execute("INSERT INTO jobs (queue, kind, payload, max_attempts, scheduled_at, created_at) "
                                    + "VALUES ('work', 'bad', '{}', 0, 0, 0)");
                        }
                        return id;
                    }),
                    async));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> w.pending() == units);
        release.countDown();

        List<Long> committed = new ArrayList<>();
        for (int i = 0; i < units; i++) {
            CompletableFuture<Long> f = results.get(i);
            if (i == 4) {
                assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).cause().isSameAs(javaFailure);
            } else if (i == 7) {
                assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).cause().hasMessageContaining("max_attempts");
            } else {
                committed.add(f.get(30, TimeUnit.SECONDS));
            }
        }
        assertThat(committed).hasSize(units - 2);
        // the queued units were drained together: at most one commit per writer thread
        assertThat(w.commits() - commits0)
                .isLessThanOrEqualTo(w.writerThreads() * 2L)
                .isLessThan(units);
        assertThat(queue.counts(Q).available()).isEqualTo(units - 2);
        for (long id : committed) {
            assertThat(queue.find(id)).isPresent();
        }
        List<String> kinds = db.withHandle(
                h -> h.createQuery("SELECT kind FROM jobs").mapTo(String.class).list());
        assertThat(kinds).doesNotContain("unit-4", "unit-7", "bad").hasSize(units - 2);
    }

    @Test
    void aWriteFromInsideAUnitRunsInTheSameTransaction() {
        long id = db.writer().write(outer -> {
            long inner = db.writer().write(h -> {
                assertThat(h).isSameAs(outer);
                return queue.enqueue(h, JobRequest.of(Q, "nested", "{}"));
            });
            assertThat(GroupCommitter.inWriter()).isTrue();
            return inner;
        });
        assertThat(GroupCommitter.inWriter()).isFalse();
        assertThat(queue.find(id)).isPresent();
    }

    @Test
    void readinessReportsAMigratedDatabase() {
        var r = db.readiness();
        assertThat(r.reachable()).isTrue();
        assertThat(r.migrated()).isTrue();
        assertThat(r.ready()).isTrue();
        assertThat(r.detail()).endsWith("schema " + db.schemaVersion()).contains("store 4");
        db.close();
        assertThat(db.readiness().ready()).isFalse();
    }
}
