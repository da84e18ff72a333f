package io.scribehook.receiver.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.core.event.ParseResult;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.core.event.ThinPayloadCodec;
import io.scribehook.core.time.ManualClock;
import io.scribehook.store.Database;
import io.scribehook.store.queue.Job;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.QueueSettings;
import io.scribehook.store.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Duplicates that schedule a refresh: at most one waits per appointment, another once it runs. */
class RefreshCoalescingTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final Database db = TestDatabases.sqlite();
    private final JobQueue queue = new JobQueue(db, QueueSettings.defaults(), clock);
    private final Inbox inbox = new Inbox(db, queue, Duration.ofHours(24), clock);

    @AfterEach
    void close() {
        db.close();
    }

    private AcceptOutcome send(String appointmentId) {
        byte[] body = ("{\"resource_id\":\"" + appointmentId + "\",\"resource_id_type\":\"Appointment\","
                        + "\"event_type\":\"appointment.transcript_available\",\"changed_fields\":[]}")
                .getBytes(StandardCharsets.UTF_8);
        ThinEvent e = ((ParseResult.Parsed) ThinPayloadCodec.parse(body)).event();
        return inbox.accept(e, body, "guide", "k0", "127.0.0.1");
    }

    private static boolean refreshScheduled(AcceptOutcome o) {
        return ((AcceptOutcome.Duplicate) o).refreshScheduled();
    }

    @Test
    void duplicatesWhileARefreshWaitsAreFoldedAndOneArrivingWhileItRunsSchedulesAnother() {
        assertThat(send("301")).isInstanceOf(AcceptOutcome.Accepted.class);
        assertThat(refreshScheduled(send("301"))).isTrue();
        assertThat(refreshScheduled(send("301"))).isFalse();
        assertThat(send("302")).isInstanceOf(AcceptOutcome.Accepted.class);
        assertThat(refreshScheduled(send("302"))).isTrue();

        List<Job> claimed = queue.claim(Jobs.QUEUE, "w", 10);
        List<Job> refreshes = claimed.stream()
                .filter(j -> j.kind().equals(Jobs.REFRESH_APPOINTMENT))
                .toList();
        assertThat(refreshes).extracting(Job::payload).containsExactlyInAnyOrder("301", "302");
        assertThat(refreshes).extracting(Job::uniqueKey).containsExactlyInAnyOrder("refresh:301", "refresh:302");

        // 301's refresh runs: a duplicate now may bring something its fetch has missed
        assertThat(refreshScheduled(send("301"))).isTrue();
        assertThat(refreshScheduled(send("301"))).isFalse();
        assertThat(queue.counts(Jobs.QUEUE).available()).isEqualTo(1);
    }
}
