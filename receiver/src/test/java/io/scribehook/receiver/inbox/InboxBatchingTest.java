package io.scribehook.receiver.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.core.event.ParseResult;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.core.event.ThinPayloadCodec;
import io.scribehook.store.Database;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.QueueSettings;
import io.scribehook.store.testing.PostgresTestDatabase;
import io.scribehook.store.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Concurrent accepts are stored in batches: every webhook is stored once, each distinct one is
 * accepted exactly once with one job, and every redelivery names an accepted original, whether it
 * was found by the reader, among the keys stored since, or in its own batch.
 */
class InboxBatchingTest {
    private static final int DISTINCT = 150;

    @Test
    void onSqliteConcurrentRedeliveriesAreAllRecognised() throws Exception {
        try (Database db = TestDatabases.sqlite()) {
            Inbox inbox = new Inbox(
                    db,
                    new JobQueue(db, QueueSettings.defaults(), Clock.systemUTC()),
                    Duration.ofHours(24),
                    Clock.systemUTC());
            // all copies at once: a redelivery may be in the same batch, a later one, or already visible to the reader
            List<AcceptOutcome> outcomes = sendAll(inbox, copies(3));
            assertConsistent(db, outcomes, 3);
        }
    }

    @Test
    void onPostgresRedeliveriesAreRecognisedByTheBatchQuery() throws Exception {
        try (PostgresTestDatabase pg = PostgresTestDatabase.create()) {
            Database db = pg.open();
            Inbox inbox = new Inbox(
                    db,
                    new JobQueue(db, QueueSettings.defaults(), Clock.systemUTC()),
                    Duration.ofHours(24),
                    Clock.systemUTC());
            // several writers: copies of one webhook in flight at once may race, so each wave holds one copy each
            List<AcceptOutcome> outcomes = new ArrayList<>();
            for (int wave = 0; wave < 3; wave++) {
                outcomes.addAll(sendAll(inbox, copies(1)));
            }
            assertConsistent(db, outcomes, 3);
        }
    }

    @Test
    void aBatchLargerThanOneStatementsWorthOfKeysIsLookedUpInChunks() {
        try (Database db = TestDatabases.sqlite()) {
            List<NewWebhook> rows = new ArrayList<>();
            java.time.Instant now = java.time.Instant.parse("2026-12-01T00:00:00Z");
            for (int i = 0; i < 1_200; i++) {
                rows.add(new NewWebhook(
                        now,
                        WebhookStatus.ACCEPTED,
                        null,
                        "appointment.updated",
                        "r" + i,
                        null,
                        "reference",
                        "guide",
                        "k0",
                        "127.0.0.1",
                        200,
                        "sha" + i,
                        "key" + i,
                        null,
                        new byte[] {1}));
            }
            List<Long> ids = db.writer().write(h -> WebhookLog.insertAll(h, rows));
            Map<String, Long> found = db.withHandle(h -> WebhookLog.firstWithDedupeKeys(h, rows, now.minusSeconds(1)));
            assertThat(found).hasSize(1_200).containsEntry("key0", ids.get(0)).containsEntry("key1199", ids.get(1_199));
        }
    }

    private static List<String> copies(int n) {
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            for (int i = 0; i < DISTINCT; i++) {
                ids.add(Integer.toString(500_000 + i));
            }
        }
        java.util.Collections.shuffle(ids, new java.util.Random(7));
        return ids;
    }

    private static List<AcceptOutcome> sendAll(Inbox inbox, List<String> appointmentIds) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<AcceptOutcome>> futures = new ArrayList<>();
            for (String id : appointmentIds) {
                futures.add(pool.submit(() -> inbox.accept(event(id), body(id), "guide", "k0", "127.0.0.1")));
            }
            List<AcceptOutcome> out = new ArrayList<>();
            for (Future<AcceptOutcome> f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }

    private static byte[] body(String id) {
        return ("{\"resource_id\":\"" + id + "\",\"resource_id_type\":\"Appointment\","
                        + "\"event_type\":\"appointment.recording_started\",\"changed_fields\":[]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static ThinEvent event(String id) {
        return ((ParseResult.Parsed) ThinPayloadCodec.parse(body(id))).event();
    }

    private static void assertConsistent(Database db, List<AcceptOutcome> outcomes, int copies) {
        Map<Long, String> resourceOf = new HashMap<>();
        db.withHandle(h -> h.createQuery("SELECT id, resource_id FROM receiver_webhooks")
                .map((rs, ctx) -> resourceOf.put(rs.getLong(1), rs.getString(2)))
                .list());
        assertThat(resourceOf).as("every webhook stored once").hasSize(DISTINCT * copies);
        List<AcceptOutcome.Accepted> accepted = outcomes.stream()
                .filter(o -> o instanceof AcceptOutcome.Accepted)
                .map(o -> (AcceptOutcome.Accepted) o)
                .toList();
        assertThat(accepted).as("each distinct webhook accepted once").hasSize(DISTINCT);
        assertThat(accepted.stream().map(a -> resourceOf.get(a.webhookId())).distinct())
                .hasSize(DISTINCT);
        List<Long> acceptedIds = accepted.stream().map(AcceptOutcome::webhookId).toList();
        for (AcceptOutcome o : outcomes) {
            if (o instanceof AcceptOutcome.Duplicate d) {
                assertThat(acceptedIds).contains(d.originalId());
                assertThat(resourceOf.get(d.originalId())).isEqualTo(resourceOf.get(d.webhookId()));
            }
        }
        int jobs = db.withHandle(h -> h.createQuery("SELECT count(*) FROM jobs WHERE kind = 'webhook'")
                .mapTo(int.class)
                .one());
        assertThat(jobs).isEqualTo(DISTINCT);
        List<Long> jobPayloads =
                db.withHandle(h -> h.createQuery("SELECT CAST(payload AS BIGINT) FROM jobs WHERE kind = 'webhook'")
                        .mapTo(Long.class)
                        .list());
        assertThat(jobPayloads).containsExactlyInAnyOrderElementsOf(acceptedIds);
    }
}
