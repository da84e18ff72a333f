package io.scribehook.store.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scribehook.store.Database;
import io.scribehook.store.testing.PostgresTestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Two instances (separate pools, separate Database objects) drain one queue: each job runs once. */
class PostgresMultiInstanceTest {
    private static final String Q = "shared";
    private static final int JOBS = 10_000;

    @Test
    void twoInstancesDrainTenThousandJobsEachExactlyOnce() {
        try (PostgresTestDatabase pg = PostgresTestDatabase.create()) {
            Database producer = pg.open();
            Database one = pg.open();
            Database two = pg.open();
            QueueSettings settings = QueueSettings.defaults();
            Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
            JobQueue oneQueue = new JobQueue(one, settings, Clock.systemUTC());
            JobQueue twoQueue = new JobQueue(two, settings, Clock.systemUTC());
            try (WorkerPool first = WorkerPool.builder(oneQueue, Q)
                            .owner("instance-1")
                            .concurrency(8)
                            .handlers(counting(oneQueue, runs))
                            .start();
                    WorkerPool second = WorkerPool.builder(twoQueue, Q)
                            .owner("instance-2")
                            .concurrency(8)
                            .handlers(counting(twoQueue, runs))
                            .start()) {
                JobQueue queue = new JobQueue(producer, settings, Clock.systemUTC());
                List<Long> ids = new ArrayList<>();
                for (int from = 0; from < JOBS; from += 500) {
                    List<JobRequest> batch = new ArrayList<>();
                    for (int i = from; i < from + 500; i++) {
                        batch.add(JobRequest.of(Q, "count", "{\"i\":" + i + "}"));
                    }
                    ids.addAll(producer.writer().write(h -> queue.enqueueAll(h, batch)));
                }

                await().atMost(Duration.ofSeconds(90)).until(() -> first.completed() + second.completed() >= JOBS);
                assertThat(first.completed() + second.completed()).isEqualTo(JOBS);
                assertThat(first.completed()).as("instance 1 took part").isPositive();
                assertThat(second.completed()).as("instance 2 took part").isPositive();
                assertThat(first.stale() + second.stale()).isZero();
                assertThat(queue.counts(Q)).isEqualTo(new QueueCounts(0, 0, 0, 0));
                long completed =
                        producer.withHandle(h -> h.createQuery("SELECT count(*) FROM jobs WHERE state = 'completed'")
                                .mapTo(Long.class)
                                .one());
                assertThat(completed).isEqualTo(JOBS);
                assertThat(runs).hasSize(JOBS);
                assertThat(runs.keySet()).containsExactlyInAnyOrderElementsOf(ids);
                assertThat(runs.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
                List<Integer> attempts = producer.withHandle(h -> h.createQuery("SELECT DISTINCT attempt FROM jobs")
                        .mapTo(Integer.class)
                        .list());
                assertThat(attempts).containsExactly(1);
            }
        }
    }

    private static JobHandlers counting(JobQueue queue, Map<Long, AtomicInteger> runs) {
        return JobHandlers.create().on("count", job -> {
            runs.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
            return new JobOutcome.Completed(queue.complete(job));
        });
    }
}
