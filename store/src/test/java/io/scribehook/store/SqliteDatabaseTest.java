package io.scribehook.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scribehook.store.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

class SqliteDatabaseTest {
    private static Map<String, Object> pragmas(Handle h) {
        return Map.of(
                "journal_mode",
                        h.createQuery("PRAGMA journal_mode").mapTo(String.class).one(),
                "synchronous",
                        h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one(),
                "foreign_keys",
                        h.createQuery("PRAGMA foreign_keys")
                                .mapTo(Integer.class)
                                .one(),
                "busy_timeout",
                        h.createQuery("PRAGMA busy_timeout")
                                .mapTo(Integer.class)
                                .one(),
                "wal_autocheckpoint",
                        h.createQuery("PRAGMA wal_autocheckpoint")
                                .mapTo(Integer.class)
                                .one());
    }

    private static final Map<String, Object> EXPECTED = Map.of(
            "journal_mode",
            "wal",
            "synchronous",
            2 /* FULL */,
            "foreign_keys",
            1,
            "busy_timeout",
            5000,
            "wal_autocheckpoint",
            0 /* SqliteCheckpointer's thread does it */);

    @Test
    void everyConnectionRunsWalWithFullSyncForeignKeysAndABusyTimeout() throws Exception {
        Path folder = TestDatabases.newFolder("nested-").resolve("a/b");
        try (Database db = Database.open(DatabaseSettings.sqlite(folder.resolve("x.db")))) {
            assertThat(Files.isRegularFile(folder.resolve("x.db"))).isTrue();
            assertThat(db.dialect()).isEqualTo(Dialect.SQLITE);
            // every pooled connection, held at once so that the pool has to open them all
            List<Connection> held = new ArrayList<>();
            try {
                for (int i = 0; i < db.settings().maxPoolSize(); i++) {
                    Connection c = db.dataSource().getConnection();
                    held.add(c);
                    try (Handle h = org.jdbi.v3.core.Jdbi.open(c)) {
                        assertThat(pragmas(h)).isEqualTo(EXPECTED);
                    }
                }
            } finally {
                for (Connection c : held) {
                    c.close();
                }
            }
            // the writer's own connection
            assertThat(db.writer().write(SqliteDatabaseTest::pragmas)).isEqualTo(EXPECTED);
            assertThat(db.jdbi().withHandle(SqliteDatabaseTest::pragmas)).isEqualTo(EXPECTED);
        }
    }

    @Test
    void theCheckpointerCopiesCommittedPagesIntoTheDatabaseFileOffTheWriterThread() {
        try (Database db = TestDatabases.sqlite()) {
            db.writer().write(h -> h.execute("CREATE TABLE checkpoint_probe (id INTEGER PRIMARY KEY, v TEXT)"));
            for (int i = 0; i < 20; i++) {
                db.writer().write(h -> h.execute("INSERT INTO checkpoint_probe (v) VALUES (randomblob(2000))"));
            }
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> db.checkpointedFrames() > 0);
        }
    }

    @Test
    void theWriterPreparesAStatementWithNamedParametersOnceAndReusesIt() {
        try (Database db = TestDatabases.sqlite()) {
            db.writer().write(h -> h.execute("CREATE TABLE reuse_probe (id INTEGER PRIMARY KEY, v TEXT, w TEXT)"));
            long before = db.writerPrepares();
            for (int i = 0; i < 50; i++) {
                int n = i;
                long id = db.writer()
                        .write(h -> h.createQuery("INSERT INTO reuse_probe (v, w) VALUES (:v, :v || :w) RETURNING id")
                                .bind("v", "v" + n)
                                .bind("w", "w")
                                .mapTo(Long.class)
                                .one());
                assertThat(id).isEqualTo(n + 1);
                String w = db.writer()
                        .write(h -> h.createQuery("SELECT w FROM reuse_probe WHERE id = :id")
                                .bind("id", id)
                                .mapTo(String.class)
                                .one());
                assertThat(w).isEqualTo("v" + n + "w");
            }
            assertThat(db.writerPrepares() - before).isEqualTo(2);
        }
    }

    @Test
    void theWriterHoldsNoLockBetweenBatches() throws Exception {
        try (Database db = TestDatabases.sqlite()) {
            db.writer()
                    .write(h ->
                            h.execute("INSERT INTO jobs (queue, kind, payload, max_attempts, scheduled_at, created_at) "
                                    + "VALUES ('q', 'k', '{}', 1, 0, 0)"));
            // another connection that will not wait at all can take the write lock
            try (Connection other = DriverManager.getConnection(db.settings().jdbcUrl());
                    Statement s = other.createStatement()) {
                s.execute("PRAGMA busy_timeout = 0");
                s.execute("BEGIN IMMEDIATE");
                s.execute("DELETE FROM jobs");
                s.execute("COMMIT");
            }
            try (Connection c = db.dataSource().getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM jobs")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void aMigratedDatabaseIsReadyAndAClosedOneIsNot() {
        Database db = TestDatabases.sqlite();
        Readiness r = db.readiness();
        assertThat(r.reachable()).isTrue();
        assertThat(r.migrated()).isTrue();
        assertThat(r.detail()).isEqualTo("sqlite schema " + db.schemaVersion());
        db.close();
        assertThat(db.readiness()).isEqualTo(new Readiness(false, false, "database closed"));
        assertThatThrownBy(() -> db.writer().write(h -> 1))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void reopeningKeepsTheDataAndDoesNotMigrateAgain() {
        DatabaseSettings s = TestDatabases.sqliteSettings();
        try (Database db = Database.open(s)) {
            db.writer()
                    .write(h ->
                            h.execute("INSERT INTO jobs (queue, kind, payload, max_attempts, scheduled_at, created_at) "
                                    + "VALUES ('q', 'k', '{}', 1, 0, 0)"));
        }
        try (Database db = Database.open(s)) {
            int rows = db.withHandle(h -> h.createQuery("SELECT count(*) FROM jobs")
                    .mapTo(Integer.class)
                    .one());
            assertThat(rows).isEqualTo(1);
        }
    }

    @Test
    void aDatabaseThatCannotBeCreatedFailsWithAClearMessage() throws Exception {
        Path blocker = TestDatabases.newFolder("blocked-").resolve("not-a-folder");
        Files.writeString(blocker, "a file where a folder should be");
        assertThatThrownBy(() -> Database.open(DatabaseSettings.sqlite(blocker.resolve("x.db"))))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("not-a-folder");

        assertThatThrownBy(() -> Database.open(DatabaseSettings.of("jdbc:sqlite::memory:")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("in-memory SQLite is not supported");

        Path folderAsFile = TestDatabases.newFolder("dir-");
        assertThatThrownBy(() -> Database.open(DatabaseSettings.sqlite(folderAsFile)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot");
    }

    @Test
    void aDatabaseWithABrokenSchemaFailsToMigrateWithAClearMessage() throws Exception {
        DatabaseSettings s = TestDatabases.sqliteSettings();
        try (Connection c = DriverManager.getConnection(s.jdbcUrl());
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE jobs (id INTEGER)"); // in the way of V1
        }
        assertThatThrownBy(() -> Database.open(s))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot migrate the store tables of database jdbc:sqlite:")
                .hasMessageContaining("non-empty schema");
    }
}
