package io.scribehook.receiver.inbox;

import io.scribehook.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces {@code SCRIBEHOOK_WEBHOOK_LOG_RETENTION}: deletes webhook log rows older than the
 * retention in batches, each its own short transaction, so a large backlog never holds the writer.
 */
public final class RetentionSweep {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweep.class);
    private final Database db;
    private final Duration retention;
    private final Clock clock;
    private final int batchSize;

    public RetentionSweep(Database db, Duration retention, Clock clock, int batchSize) {
        this.db = db;
        this.retention = retention;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** Deletes every row past retention; returns how many. */
    public int runOnce() {
        Instant cutoff = clock.instant().minus(retention);
        int total = 0;
        int deleted;
        do {
            deleted = db.writer().write(h -> WebhookLog.deleteReceivedBefore(h, cutoff, batchSize));
            total += deleted;
        } while (deleted == batchSize);
        if (total > 0) {
            LOG.info("webhook log retention: deleted {} entries received before {}", total, cutoff);
        }
        return total;
    }
}
