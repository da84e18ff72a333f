package io.scribehook.store.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scribehook.store.Database;
import io.scribehook.store.DatabaseSettings;
import io.scribehook.store.testing.PostgresTestDatabase;
import io.scribehook.store.testing.TcpProxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Wake-ups across instances are real: LISTEN/NOTIFY, not polling. The polling fallback is 30 s, so
 * a worker that claims a job after waking with reason NOTIFICATION was woken by the notification.
 */
class PostgresWakeupTest {
    private static final String Q = "wake";
    private static final Duration WAIT = Duration.ofSeconds(25);
    private static final QueueSettings SLOW_POLL = QueueSettings.defaults().withPollInterval(Duration.ofSeconds(30));

    private PostgresTestDatabase pg;
    private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

    @BeforeEach
    void create() {
        pg = PostgresTestDatabase.create();
    }

    @AfterEach
    void drop() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private WorkerPool startPool(Database db, RecordingListener events) {
        JobQueue queue = new JobQueue(db, SLOW_POLL, Clock.systemUTC());
        JobHandler complete = job -> new JobOutcome.Completed(queue.complete(job));
        WorkerPool pool = WorkerPool.builder(queue, Q)
                .owner("b-worker")
                .concurrency(2)
                .handlers(JobHandlers.create()
                        .on("hello", complete)
                        .on("while-cut", complete)
                        .on("after", complete))
                .listener(events)
                .build();
        closing.add(pool);
        return pool.start();
    }

    @Test
    void aJobEnqueuedThroughOneInstanceWakesAWorkerOfAnotherByNotification() {
        Database a = pg.open();
        Database b = pg.open();
        RecordingListener events = new RecordingListener();
        startPool(b, events);
        await().atMost(WAIT).until(() -> events.events.contains("idle"));

        long id = new JobQueue(a, SLOW_POLL, Clock.systemUTC()).enqueue(JobRequest.of(Q, "hello", "{}"));
        await().atMost(WAIT).until(() -> events.events.contains("completed:" + id));
        assertThat(events.wakeBefore("claimed:" + id)).isEqualTo("woke:NOTIFICATION");
        assertThat(events.events).doesNotContain("woke:POLL");
    }

    @Test
    void afterItsConnectionIsCutTheListenerReconnectsAndWorkersCatchUp() {
        Database a = pg.open();
        TcpProxy proxy = TcpProxy.start(PostgresTestDatabase.HOST, PostgresTestDatabase.PORT);
        closing.add(proxy);
        Database b = pg.open(
                DatabaseSettings.of(pg.jdbcUrl(proxy.host(), proxy.port())).withMaxPoolSize(2));
        RecordingListener events = new RecordingListener();
        startPool(b, events);
        await().atMost(WAIT).until(() -> events.events.contains("idle"));
        JobQueue viaA = new JobQueue(a, SLOW_POLL, Clock.systemUTC());

        proxy.cut();
        await().atMost(WAIT).until(() -> !Wakeups.of(b).listening());
        long missed = viaA.enqueue(JobRequest.of(Q, "while-cut", "{}")); // its NOTIFY cannot reach b
        proxy.restore();

        await().atMost(WAIT).until(() -> events.events.contains("completed:" + missed));
        assertThat(events.wakeBefore("claimed:" + missed)).isEqualTo("woke:RECONNECT");

        long next = viaA.enqueue(JobRequest.of(Q, "after", "{}"));
        await().atMost(WAIT).until(() -> events.events.contains("completed:" + next));
        assertThat(events.wakeBefore("claimed:" + next)).isEqualTo("woke:NOTIFICATION");
        assertThat(events.events).doesNotContain("woke:POLL");
    }
}
