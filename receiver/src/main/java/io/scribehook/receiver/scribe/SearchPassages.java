package io.scribehook.receiver.scribe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scribehook.core.crypto.FieldCipher;
import io.scribehook.scribe.ScribeResult;
import io.scribehook.scribe.search.IndexedPassage;
import io.scribehook.scribe.search.Passage;
import io.scribehook.scribe.search.PassageRef;
import io.scribehook.scribe.search.PassageSource;
import io.scribehook.scribe.vtt.Turn;
import io.scribehook.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The searchable passages of appointments, read from the scribe tables and decrypted: what the
 * index gets (an appointment's current transcript turns and current note version's sections) and
 * the text a hit's snippet is highlighted from. A value that does not decrypt is left out and
 * logged by its place, never by content.
 */
final class SearchPassages implements PassageSource {
    private static final Logger LOG = LoggerFactory.getLogger(SearchPassages.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;
    private final FieldCipher cipher;

    SearchPassages(Database db, FieldCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    private record Current(String transcriptId, int noteVersion) {}

    /** What the index should hold for the appointment (empty when it has no note). */
    List<IndexedPassage> current(Handle h, String appointmentId) {
        Optional<Current> cur = h.createQuery("SELECT transcript_id, note_version FROM scribe_appointments "
                        + "WHERE appointment_id = :a AND note_version IS NOT NULL AND transcript_id IS NOT NULL")
                .bind("a", appointmentId)
                .map((rs, c) -> new Current(rs.getString("transcript_id"), rs.getInt("note_version")))
                .findOne();
        if (cur.isEmpty()) {
            return List.of();
        }
        String tid = cur.get().transcriptId();
        List<IndexedPassage> out = new ArrayList<>();
        h.createQuery("SELECT seq, speaker, role, start_ms, text FROM scribe_turns "
                        + "WHERE transcript_id = :t AND appointment_id = :a ORDER BY seq")
                .bind("t", tid)
                .bind("a", appointmentId)
                .map((rs, c) -> {
                    int seq = rs.getInt("seq");
                    PassageRef ref = new PassageRef(PassageRef.Kind.TRANSCRIPT, appointmentId, tid, seq, 0);
                    Passage p = turn(tid, seq, rs.getString("speaker"), rs.getString("text"));
                    return p == null
                            ? null
                            : new IndexedPassage(
                                    ref, p.speaker(), rs.getString("role"), null, rs.getLong("start_ms"), p.text());
                })
                .list()
                .forEach(p -> {
                    if (p != null) {
                        out.add(p);
                    }
                });
        note(h, appointmentId, cur.get().noteVersion()).ifPresent(n -> {
            for (int i = 0; i < n.sections().size(); i++) {
                Section s = n.sections().get(i);
                PassageRef ref = new PassageRef(
                        PassageRef.Kind.NOTE,
                        appointmentId,
                        n.transcriptId(),
                        i,
                        cur.get().noteVersion());
                out.add(new IndexedPassage(ref, null, null, s.title(), s.startMillis(), s.text()));
            }
        });
        return out;
    }

    /**
     * What {@link #current} returns for the appointment once this draft is stored as its current
     * transcript and note version, built from the plaintext the job has in memory (no read back, no
     * decryption): the same passages, in the same order.
     *
     * @param noteJson the note JSON as stored (encrypted) for this version
     */
    static List<IndexedPassage> drafted(
            String appointmentId, String transcriptId, int noteVersion, ScribeResult.Drafted d, JsonNode noteJson) {
        List<Turn> turns = d.analysis().transcript().turns();
        List<IndexedPassage> out = new ArrayList<>(turns.size() + 8);
        for (int seq = 0; seq < turns.size(); seq++) {
            Turn t = turns.get(seq);
            out.add(new IndexedPassage(
                    new PassageRef(PassageRef.Kind.TRANSCRIPT, appointmentId, transcriptId, seq, 0),
                    t.speaker(),
                    SealedDraft.roleOf(d, t),
                    null,
                    t.start().toMillis(),
                    t.text()));
        }
        List<Section> sections = sections(noteJson);
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            PassageRef ref = new PassageRef(PassageRef.Kind.NOTE, appointmentId, transcriptId, i, noteVersion);
            out.add(new IndexedPassage(ref, null, null, s.title(), s.startMillis(), s.text()));
        }
        return out;
    }

    @Override
    public Map<PassageRef, Passage> passages(List<PassageRef> refs) {
        if (refs.isEmpty()) {
            return Map.of();
        }
        return db.jdbi().withHandle(h -> {
            Map<PassageRef, Passage> out = new HashMap<>();
            Map<String, List<PassageRef>> turnsByTranscript = new LinkedHashMap<>();
            Map<String, Optional<Note>> notes = new HashMap<>();
            for (PassageRef r : refs) {
                if (r.kind() == PassageRef.Kind.TRANSCRIPT) {
                    turnsByTranscript
                            .computeIfAbsent(r.transcriptId(), k -> new ArrayList<>())
                            .add(r);
                } else {
                    Optional<Note> n = notes.computeIfAbsent(
                            r.appointmentId() + "/" + r.noteVersion(),
                            k -> note(h, r.appointmentId(), r.noteVersion()));
                    n.filter(x -> r.seq() < x.sections().size()).ifPresent(x -> {
                        Section s = x.sections().get(r.seq());
                        out.put(r, new Passage(s.text(), null, s.title()));
                    });
                }
            }
            for (Map.Entry<String, List<PassageRef>> e : turnsByTranscript.entrySet()) {
                Map<Integer, PassageRef> bySeq = new HashMap<>();
                e.getValue().forEach(r -> bySeq.put(r.seq(), r));
                h.createQuery("SELECT seq, appointment_id, speaker, text FROM scribe_turns "
                                + "WHERE transcript_id = :t AND seq IN (<seqs>)")
                        .bind("t", e.getKey())
                        .bindList("seqs", List.copyOf(bySeq.keySet()))
                        .map((rs, c) -> {
                            PassageRef r = bySeq.get(rs.getInt("seq"));
                            if (r != null && r.appointmentId().equals(rs.getString("appointment_id"))) {
                                Passage p = turn(e.getKey(), r.seq(), rs.getString("speaker"), rs.getString("text"));
                                if (p != null) {
                                    out.put(r, p);
                                }
                            }
                            return r;
                        })
                        .list();
            }
            return out;
        });
    }

    private Passage turn(String transcriptId, int seq, String speaker, String text) {
        String row = ScribeTables.turnRow(transcriptId, seq);
        try {
            return new Passage(
                    cipher.decrypt(text, ScribeTables.place(ScribeTables.TURNS, row, "text")),
                    speaker == null
                            ? null
                            : cipher.decrypt(speaker, ScribeTables.place(ScribeTables.TURNS, row, "speaker")),
                    null);
        } catch (FieldCipher.UndecryptableException e) {
            LOG.warn("search: turn {} of transcript {} does not decrypt; left out", seq, transcriptId);
            return null;
        }
    }

    private record Section(String title, String text, long startMillis) {}

    private record Note(String transcriptId, List<Section> sections) {}

    private Optional<Note> note(Handle h, String appointmentId, int version) {
        return h.createQuery(
                        "SELECT transcript_id, writer, note FROM scribe_notes WHERE appointment_id = :a AND version = :v")
                .bind("a", appointmentId)
                .bind("v", version)
                .map((rs, c) -> {
                    String tid = rs.getString("transcript_id");
                    String row = ScribeTables.noteRow(appointmentId, tid, rs.getString("writer"));
                    String plain;
                    try {
                        plain = cipher.decrypt(
                                rs.getString("note"), ScribeTables.place(ScribeTables.NOTES, row, "note"));
                    } catch (FieldCipher.UndecryptableException e) {
                        LOG.warn(
                                "search: note version {} of appointment {} does not decrypt; left out",
                                version,
                                appointmentId);
                        return Optional.<Note>empty();
                    }
                    return Optional.of(new Note(tid, sections(plain)));
                })
                .findOne()
                .flatMap(n -> n);
    }

    private static List<Section> sections(String noteJson) {
        JsonNode root;
        try {
            root = JSON.readTree(noteJson);
        } catch (IOException e) {
            throw new UncheckedIOException("stored note JSON does not parse", e);
        }
        return sections(root);
    }

    private static List<Section> sections(JsonNode root) {
        List<Section> out = new ArrayList<>();
        for (JsonNode s : root.path("sections")) {
            JsonNode cues = s.path("cues");
            long start = cues.isArray() && !cues.isEmpty()
                    ? Math.round(cues.get(0).path("start").asDouble() * 1000)
                    : -1;
            out.add(new Section(s.path("title").asText(""), s.path("text").asText(""), start));
        }
        return out;
    }
}
