package io.scribehook.receiver.scribe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scribehook.core.crypto.FieldCipher;
import io.scribehook.scribe.ScribeJson;
import io.scribehook.scribe.ScribeResult;
import io.scribehook.scribe.source.TranscriptInfo;
import io.scribehook.scribe.vtt.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A drafted result ready to store: every PHI value already encrypted for its place, so the database
 * transaction only writes. Built outside the transaction (encryption is CPU work the single SQLite
 * writer should not wait for).
 *
 * @param analysis encrypted analysis JSON
 * @param note encrypted note JSON (template, writer, sections with their text and cue times)
 */
record SealedDraft(
        String appointmentId,
        TranscriptInfo transcript,
        String writer,
        String template,
        int turnCount,
        long durationMillis,
        String analysis,
        String note,
        List<SealedTurn> turns) {

    /** One speaker turn; speaker and text encrypted. */
    record SealedTurn(int seq, String speaker, String role, long startMillis, long endMillis, String text) {}

    static SealedDraft seal(
            FieldCipher cipher, String appointmentId, TranscriptInfo t, String writer, ScribeResult.Drafted d) {
        return seal(cipher, appointmentId, t, writer, d, ScribeJson.of(d));
    }

    /**
     * Seals {@code d} given its JSON ({@code ScribeJson.of(d)}); the {@code analysis} member is removed
     * from {@code json}, which is left holding the note JSON that was encrypted.
     */
    static SealedDraft seal(
            FieldCipher cipher,
            String appointmentId,
            TranscriptInfo t,
            String writer,
            ScribeResult.Drafted d,
            ObjectNode json) {
        ObjectNode analysis = (ObjectNode) json.remove("analysis");
        String tid = t.id();
        List<SealedTurn> turns = new ArrayList<>();
        List<Turn> parsed = d.analysis().transcript().turns();
        for (int i = 0; i < parsed.size(); i++) {
            Turn turn = parsed.get(i);
            String row = ScribeTables.turnRow(tid, i);
            turns.add(new SealedTurn(
                    i,
                    cipher.encrypt(turn.speaker(), ScribeTables.place(ScribeTables.TURNS, row, "speaker")),
                    roleOf(d, turn),
                    turn.start().toMillis(),
                    turn.end().toMillis(),
                    cipher.encrypt(turn.text(), ScribeTables.place(ScribeTables.TURNS, row, "text"))));
        }
        return new SealedDraft(
                appointmentId,
                t,
                writer,
                d.note().templateId(),
                parsed.size(),
                d.analysis().stats().meetingDuration().toMillis(),
                cipher.encrypt(analysis.toString(), ScribeTables.place(ScribeTables.TRANSCRIPTS, tid, "analysis")),
                cipher.encrypt(
                        json.toString(),
                        ScribeTables.place(
                                ScribeTables.NOTES, ScribeTables.noteRow(appointmentId, tid, writer), "note")),
                List.copyOf(turns));
    }

    /** The stored role of a turn's speaker (lower case), or null for a turn without a speaker. */
    static String roleOf(ScribeResult.Drafted d, Turn turn) {
        return turn.speaker() == null
                ? null
                : d.analysis().roles().roleOf(turn.speaker()).name().toLowerCase(Locale.ROOT);
    }
}
