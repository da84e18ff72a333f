-- Scribe results per appointment. Transcript text, speaker names, analysis and note text are
-- encrypted by the application (AES-GCM, values 'enc1:<key id>:...', associated data = table,
-- row id, column); the columns below hold only ids, types, times and counts in clear.
-- scribe_appointments: where the appointment's scribe work stands and which transcript is current
-- (a processed recording, rank 2, supersedes a real-time capture, rank 1, never the reverse).
CREATE TABLE scribe_appointments (
    appointment_id  TEXT PRIMARY KEY,
    state           TEXT    NOT NULL,
    reason          TEXT,
    transcript_id   TEXT,
    transcript_type TEXT,
    transcript_rank INTEGER NOT NULL DEFAULT -1,
    note_version    INTEGER,
    waiting_since   BIGINT,
    updated_at      BIGINT  NOT NULL
);
CREATE INDEX scribe_appointments_updated ON scribe_appointments (updated_at);

-- One row per processed transcript id; analysis is encrypted JSON (row id = transcript_id).
CREATE TABLE scribe_transcripts (
    transcript_id   TEXT PRIMARY KEY,
    appointment_id  TEXT    NOT NULL,
    transcript_type TEXT,
    started_at      BIGINT,
    ended_at        BIGINT,
    turn_count      INTEGER NOT NULL,
    duration_ms     BIGINT  NOT NULL,
    analysis        TEXT    NOT NULL,
    processed_at    BIGINT  NOT NULL
);
CREATE INDEX scribe_transcripts_appointment ON scribe_transcripts (appointment_id);

-- Speaker turns of a transcript; speaker and text encrypted (row id = transcript_id/seq).
CREATE TABLE scribe_turns (
    transcript_id  TEXT    NOT NULL,
    seq            INTEGER NOT NULL,
    appointment_id TEXT    NOT NULL,
    speaker        TEXT,
    role           TEXT,
    start_ms       BIGINT  NOT NULL,
    end_ms         BIGINT  NOT NULL,
    text           TEXT    NOT NULL,
    PRIMARY KEY (transcript_id, seq)
);

-- Note versions per appointment, one per (transcript, writer): a re-run upserts.
-- note is encrypted JSON (row id = appointment_id/version).
CREATE TABLE scribe_notes (
    appointment_id TEXT    NOT NULL,
    version        INTEGER NOT NULL,
    transcript_id  TEXT    NOT NULL,
    writer         TEXT    NOT NULL,
    template       TEXT    NOT NULL,
    note           TEXT    NOT NULL,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL,
    PRIMARY KEY (appointment_id, version),
    UNIQUE (appointment_id, transcript_id, writer)
);
