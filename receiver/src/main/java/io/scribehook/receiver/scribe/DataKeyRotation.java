package io.scribehook.receiver.scribe;

import io.scribehook.core.crypto.FieldCipher;
import io.scribehook.store.Database;
import io.scribehook.store.queue.Job;
import io.scribehook.store.queue.JobOutcome;
import io.scribehook.store.queue.JobQueue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background rotation ({@link io.scribehook.receiver.inbox.Jobs#ROTATE_DATA_KEY}): first seals
 * attendance rows and appointment snapshots stored in clear by earlier versions
 * ({@link AttendanceSealing}, {@link SnapshotSealing}), then re-encrypts,
 * with the current data key, every stored value that names another key, in batches of short
 * transactions. Each update is conditional on the old value, so a row rewritten meanwhile (a
 * re-run of its transcript) is left to the writer. Values whose key is no longer configured cannot
 * be read and are counted and logged (by column, never by value), not touched. Enqueued at start;
 * once keys are rotated, a pass finds nothing and ends.
 */
public final class DataKeyRotation {
    private static final Logger LOG = LoggerFactory.getLogger(DataKeyRotation.class);
    static final int BATCH = 200;
    private final Database db;
    private final JobQueue queue;
    private final FieldCipher cipher;
    private final AttendanceSealing attendance;
    private final SnapshotSealing snapshots;

    public DataKeyRotation(
            Database db, JobQueue queue, FieldCipher cipher, AttendanceSealing attendance, SnapshotSealing snapshots) {
        this.db = db;
        this.queue = queue;
        this.cipher = cipher;
        this.attendance = attendance;
        this.snapshots = snapshots;
    }

    /** Runs one pass over every encrypted column. */
    public JobOutcome handle(Job job) {
        int sealed = attendance.sealAll();
        if (sealed > 0) {
            LOG.info("attendance rows from before encryption re-keyed and sealed: {}", sealed);
        }
        int sealedSnapshots = snapshots.sealAll();
        if (sealedSnapshots > 0) {
            LOG.info("appointment snapshots from before encryption sealed: {}", sealedSnapshots);
        }
        Map<String, Integer> rotated = rotateAll();
        int total = rotated.values().stream().mapToInt(Integer::intValue).sum();
        if (total > 0) {
            LOG.info(
                    "data key rotation: {} values re-encrypted with key {} {}",
                    total,
                    cipher.keys().currentId(),
                    rotated);
        }
        return new JobOutcome.Completed(db.writer().write(h -> queue.complete(h, job)));
    }

    /** Re-encrypts what needs it; returns the count per {@code table.column}. */
    Map<String, Integer> rotateAll() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ScribeTables.EncryptedColumn c : ScribeTables.COLUMNS) {
            int done = 0;
            java.util.Set<String> unreadable = new java.util.HashSet<>();
            while (true) {
                List<Row> rows = db.jdbi().withHandle(h -> stale(h, c));
                List<Row> sealed = new ArrayList<>();
                for (Row r : rows) {
                    FieldCipher.Place place = ScribeTables.place(c.table(), r.rowId(), c.column());
                    try {
                        sealed.add(r.with(cipher.encrypt(cipher.decrypt(r.value(), place), place)));
                    } catch (FieldCipher.UndecryptableException e) {
                        unreadable.add(r.rowId());
                    }
                }
                if (sealed.isEmpty()) {
                    break;
                }
                done += db.writer().write(h -> {
                    int n = 0;
                    for (Row r : sealed) {
                        n += update(h, c, r);
                    }
                    return n;
                });
                if (rows.size() < BATCH) {
                    break;
                }
            }
            if (!unreadable.isEmpty()) {
                LOG.warn(
                        "data key rotation: {} values of {}.{} name a key that is not configured and stay as they are",
                        unreadable.size(),
                        c.table(),
                        c.column());
            }
            counts.put(c.table() + "." + c.column(), done);
        }
        return counts;
    }

    private List<Row> stale(Handle h, ScribeTables.EncryptedColumn c) {
        String prefix = FieldCipher.PREFIX + cipher.keys().currentId() + ":";
        String keys = String.join(", ", c.keyColumns());
        return h.createQuery("SELECT " + keys + ", " + c.rowSql() + " AS row_id, " + c.column() + " AS v FROM "
                        + c.table() + " WHERE " + c.column() + " IS NOT NULL AND substr(" + c.column() + ", 1, "
                        + prefix.length() + ") <> :prefix ORDER BY " + keys + " LIMIT " + BATCH)
                .bind("prefix", prefix)
                .map((rs, ctx) -> {
                    List<Object> key = new ArrayList<>();
                    for (String k : c.keyColumns()) {
                        key.add(rs.getObject(k));
                    }
                    return new Row(key, rs.getString("row_id"), rs.getString("v"), null);
                })
                .list();
    }

    private static int update(Handle h, ScribeTables.EncryptedColumn c, Row r) {
        StringBuilder sql = new StringBuilder(
                "UPDATE " + c.table() + " SET " + c.column() + " = :fresh WHERE " + c.column() + " = :old");
        for (int i = 0; i < c.keyColumns().size(); i++) {
            sql.append(" AND ").append(c.keyColumns().get(i)).append(" = :k").append(i);
        }
        var u = h.createUpdate(sql.toString()).bind("fresh", r.fresh()).bind("old", r.value());
        for (int i = 0; i < r.key().size(); i++) {
            u.bind("k" + i, r.key().get(i));
        }
        return u.execute();
    }

    private record Row(List<Object> key, String rowId, String value, String fresh) {
        Row with(String sealed) {
            return new Row(key, rowId, value, sealed);
        }
    }
}
