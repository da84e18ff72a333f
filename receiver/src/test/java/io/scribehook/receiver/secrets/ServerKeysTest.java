package io.scribehook.receiver.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.core.time.ManualClock;
import io.scribehook.store.Database;
import io.scribehook.store.DatabaseSettings;
import io.scribehook.store.testing.PostgresTestDatabase;
import io.scribehook.store.testing.TestDatabases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ServerKeysTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T12:00:00Z"));

    @Test
    void aKeyIsMadeOnceAndOutlivesTheProcessOnSqlite() {
        DatabaseSettings settings = TestDatabases.sqliteSettings();
        byte[] first;
        try (Database db = Database.open(settings)) {
            first = ServerKeys.getOrCreate(db, "k", clock);
            assertThat(first).hasSize(ServerKeys.KEY_BYTES);
            assertThat(ServerKeys.getOrCreate(db, "k", clock)).isEqualTo(first);
            assertThat(ServerKeys.getOrCreate(db, "other", clock))
                    .hasSize(ServerKeys.KEY_BYTES)
                    .isNotEqualTo(first);
        }
        try (Database db = Database.open(settings)) {
            assertThat(ServerKeys.getOrCreate(db, "k", clock)).isEqualTo(first);
            long createdAt = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT created_at FROM receiver_keys WHERE name = 'k'")
                            .mapTo(Long.class)
                            .one());
            assertThat(createdAt).isEqualTo(clock.millis());
        }
    }

    @Test
    void instancesRacingOnOnePostgresDatabaseAgreeOnOneKey() throws Exception {
        try (PostgresTestDatabase pg = PostgresTestDatabase.create()) {
            List<Database> instances = List.of(pg.open(), pg.open());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<byte[]>> keys = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < 8; i++) {
                    Database db = instances.get(i % 2);
                    keys.add(pool.submit(() -> {
                        go.await();
                        return ServerKeys.getOrCreate(db, "attendance_participant", clock);
                    }));
                }
                go.countDown();
                byte[] first = keys.get(0).get();
                for (Future<byte[]> k : keys) {
                    assertThat(k.get()).isEqualTo(first);
                }
            }
            int rows = instances
                    .get(1)
                    .jdbi()
                    .withHandle(h -> h.createQuery("SELECT count(*) FROM receiver_keys")
                            .mapTo(Integer.class)
                            .one());
            assertThat(rows).isEqualTo(1);
        }
    }
}
