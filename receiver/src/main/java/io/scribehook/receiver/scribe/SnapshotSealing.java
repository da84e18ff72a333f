package io.scribehook.receiver.scribe;

import io.scribehook.core.crypto.FieldCipher;
import io.scribehook.receiver.process.AppointmentSnapshots;
import io.scribehook.store.Database;
import java.util.List;

/**
 * Encrypts appointment snapshots stored in clear by earlier versions ({@code receiver_appointments.snapshot},
 * which names patient and provider), in batches of short transactions; each update is conditional on
 * the value read. Idempotent; run by the rotation job.
 */
public final class SnapshotSealing {
    static final int BATCH = 200;
    private final Database db;
    private final FieldCipher cipher;

    public SnapshotSealing(Database db, FieldCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    /** Seals every snapshot still in clear; returns how many. */
    public int sealAll() {
        int total = 0;
        while (true) {
            List<String[]> rows = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT appointment_id, snapshot FROM receiver_appointments "
                                    + "WHERE snapshot IS NOT NULL AND substr(snapshot, 1, 5) <> 'enc1:' "
                                    + "ORDER BY appointment_id LIMIT " + BATCH)
                            .map((rs, c) -> new String[] {rs.getString(1), rs.getString(2)})
                            .list());
            if (rows.isEmpty()) {
                return total;
            }
            List<String[]> sealed = rows.stream()
                    .map(r -> new String[] {r[0], r[1], cipher.encrypt(r[1], AppointmentSnapshots.place(r[0]))})
                    .toList();
            total += db.writer().write(h -> {
                int n = 0;
                for (String[] r : sealed) {
                    n += h.createUpdate("UPDATE receiver_appointments SET snapshot = :fresh "
                                    + "WHERE appointment_id = :a AND snapshot = :old")
                            .bind("fresh", r[2])
                            .bind("a", r[0])
                            .bind("old", r[1])
                            .execute();
                }
                return n;
            });
            if (rows.size() < BATCH) {
                return total;
            }
        }
    }
}
