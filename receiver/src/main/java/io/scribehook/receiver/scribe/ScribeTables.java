package io.scribehook.receiver.scribe;

import io.scribehook.core.crypto.FieldCipher;
import io.scribehook.receiver.process.AppointmentSnapshots;
import io.scribehook.receiver.process.Attendance;
import java.util.List;

/**
 * The encrypted columns (the scribe tables' and attendance names and emails) and how their rows are named in the associated data: a
 * value decrypts only in the table, row and column it was written for.
 */
final class ScribeTables {
    static final String TRANSCRIPTS = "scribe_transcripts";
    static final String TURNS = "scribe_turns";
    static final String NOTES = "scribe_notes";

    /**
     * An encrypted column and the SQL naming its row: {@code rowSql} computes the row id in both
     * dialects, {@code keySql} the WHERE clause addressing one row by {@code :k1}, {@code :k2}...
     */
    record EncryptedColumn(String table, String column, String rowSql, List<String> keyColumns) {}

    /** Every encrypted column (what rotation walks). */
    static final List<EncryptedColumn> COLUMNS = List.of(
            new EncryptedColumn(TRANSCRIPTS, "analysis", "transcript_id", List.of("transcript_id")),
            new EncryptedColumn(
                    TURNS, "speaker", "transcript_id || '/' || CAST(seq AS TEXT)", List.of("transcript_id", "seq")),
            new EncryptedColumn(
                    TURNS, "text", "transcript_id || '/' || CAST(seq AS TEXT)", List.of("transcript_id", "seq")),
            new EncryptedColumn(
                    NOTES,
                    "note",
                    "appointment_id || '/' || transcript_id || '/' || writer",
                    List.of("appointment_id", "version")),
            new EncryptedColumn(Attendance.TABLE, "participant_name", Attendance.ROW_SQL, List.of("id")),
            new EncryptedColumn(Attendance.TABLE, "participant_email", Attendance.ROW_SQL, List.of("id")),
            new EncryptedColumn(AppointmentSnapshots.TABLE, "snapshot", "appointment_id", List.of("appointment_id")));

    private ScribeTables() {}

    static FieldCipher.Place place(String table, String row, String column) {
        return new FieldCipher.Place(table, row, column);
    }

    static String turnRow(String transcriptId, int seq) {
        return transcriptId + "/" + seq;
    }

    static String noteRow(String appointmentId, String transcriptId, String writer) {
        return appointmentId + "/" + transcriptId + "/" + writer;
    }
}
