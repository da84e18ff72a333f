package io.scribehook.store.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scribehook.store.Database;
import io.scribehook.store.testing.PostgresTestDatabase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The queue contract on PostgreSQL: one database for the class (created by the first test, so that
 * an unreachable server skips each test with the reason), emptied before each test. Plus the races
 * only PostgreSQL has: two transactions writing the same unique key at once.
 */
class PostgresJobQueueTest extends JobQueueContract {
    private static PostgresTestDatabase pg;

    @AfterAll
    static void dropDatabase() {
        if (pg != null) {
            pg.close();
            pg = null;
        }
    }

    @Override
    protected Database openDatabase() {
        if (pg == null) {
            pg = PostgresTestDatabase.create();
        }
        Database db = pg.open();
        pg.execute("TRUNCATE jobs RESTART IDENTITY");
        return db;
    }

    @Override
    protected WakeReason localWakeReason() {
        return WakeReason.NOTIFICATION;
    }

    /** Whether a session of this database waits for a lock (a row or index entry another holds). */
    private boolean someoneWaitsForALock() {
        return db.withHandle(h -> h.createQuery("SELECT count(*) FROM pg_stat_activity "
                                + "WHERE datname = current_database() AND wait_event_type = 'Lock'")
                        .mapTo(long.class)
                        .one())
                > 0;
    }

    @Test
    void aKeyedJobGoingBackWhileAnEnqueueOfItsKeyCommitsIsSupersededNotAViolation() throws Exception {
        long first = queue.enqueue(keyed("refresh:7"));
        Job running = queue.claim(Q, "w", 1).get(0);
        try (Handle other = db.jdbi().open()) {
            other.begin();
            long pending = queue.enqueue(other, keyed("refresh:7")); // not committed yet
            CompletableFuture<FailureResult> back =
                    CompletableFuture.supplyAsync(() -> queue.fail(running, "upstream 503", true), async);
            // its update to retryable finds the uncommitted index entry and waits for that transaction
            await().atMost(Duration.ofSeconds(30)).until(this::someoneWaitsForALock);
            other.commit();
            assertThat(back.get(30, TimeUnit.SECONDS)).isEqualTo(new FailureResult.Superseded(first, pending));
        }
        assertThat(queue.counts(Q)).isEqualTo(new QueueCounts(1, 0, 0, 0));
        assertThat(count(JobState.COMPLETED)).isEqualTo(1);
    }

    @Test
    void twoConcurrentEnqueuesOfOneKeyInsertOneJob() throws Exception {
        try (Handle other = db.jdbi().open()) {
            other.begin();
            EnqueueResult won = queue.offer(other, keyed("refresh:8"));
            CompletableFuture<EnqueueResult> second =
                    CompletableFuture.supplyAsync(() -> queue.offer(keyed("refresh:8")), async);
            await().atMost(Duration.ofSeconds(30)).until(this::someoneWaitsForALock);
            other.commit();
            assertThat(won.inserted()).isTrue();
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(new EnqueueResult.AlreadyPending(won.id()));
        }
        try (Handle other = db.jdbi().open()) {
            other.begin();
            queue.offer(other, keyed("refresh:9"));
            CompletableFuture<EnqueueResult> second =
                    CompletableFuture.supplyAsync(() -> queue.offer(keyed("refresh:9")), async);
            await().atMost(Duration.ofSeconds(30)).until(this::someoneWaitsForALock);
            other.rollback();
            assertThat(second.get(30, TimeUnit.SECONDS).inserted()).isTrue();
        }
        assertThat(queue.counts(Q).available()).isEqualTo(2);
    }
}
