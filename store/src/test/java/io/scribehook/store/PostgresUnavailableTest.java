package io.scribehook.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.JobRequest;
import io.scribehook.store.queue.QueueSettings;
import io.scribehook.store.testing.PostgresTestDatabase;
import io.scribehook.store.testing.TcpProxy;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** PostgreSQL going away mid-run: writes fail fast with StoreUnavailableException, then recover. */
class PostgresUnavailableTest {
    @Test
    void writesFailWithinTheTimeoutWhileTheDatabaseIsCutAndRecoverAfter() {
        try (PostgresTestDatabase pg = PostgresTestDatabase.create();
                TcpProxy proxy = TcpProxy.start(PostgresTestDatabase.HOST, PostgresTestDatabase.PORT)) {
            DatabaseSettings s = DatabaseSettings.of(pg.jdbcUrl(proxy.host(), proxy.port()))
                    .withWriteTimeout(Duration.ofSeconds(1))
                    .withMaxPoolSize(2);
            Database db = pg.open(s);
            JobQueue queue = new JobQueue(db, QueueSettings.defaults(), Clock.systemUTC());
            long before = queue.enqueue(JobRequest.of("q", "k", "{}"));

            proxy.cut();
            assertThatThrownBy(() -> queue.enqueue(JobRequest.of("q", "k", "{}")))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("did not commit within 1000 ms");
            Readiness down = db.readiness();
            assertThat(down.reachable()).isFalse();
            assertThat(down.detail()).doesNotContain("password");

            proxy.restore();
            await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptionsInstanceOf(StoreUnavailableException.class)
                    .until(() -> queue.enqueue(JobRequest.of("q", "k", "{}")) > before);
            assertThat(db.readiness().ready()).isTrue();
        }
    }

    @Test
    void openingAnUnreachableDatabaseFailsWithAClearMessage() {
        try (PostgresTestDatabase pg = PostgresTestDatabase.create();
                TcpProxy proxy = TcpProxy.start(PostgresTestDatabase.HOST, PostgresTestDatabase.PORT)) {
            proxy.cut();
            DatabaseSettings s = DatabaseSettings.of(pg.jdbcUrl(proxy.host(), proxy.port()) + "&password=hunter2")
                    .withWriteTimeout(Duration.ofSeconds(1));
            assertThatThrownBy(() -> Database.open(s))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("cannot open database jdbc:postgresql://")
                    .hasMessageNotContaining("hunter2");
        }
    }
}
