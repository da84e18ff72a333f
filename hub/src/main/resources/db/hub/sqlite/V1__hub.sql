-- Hub: API keys (only a SHA-256 of the secret part is kept), appointments with their people,
-- Zoom cloud recording files, transcripts (WebVTT), attendance, received Zoom events and server
-- keys. Rows refer to each other by id only. Times are epoch millis.
CREATE TABLE hub_api_keys (
    key_id        TEXT PRIMARY KEY,
    name          TEXT,
    secret_sha256 TEXT   NOT NULL,
    created_at    BIGINT NOT NULL,
    revoked_at    BIGINT
);

CREATE TABLE hub_appointments (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,
    date                   BIGINT  NOT NULL,
    user_id                TEXT,
    user_first_name        TEXT,
    user_last_name         TEXT,
    user_email             TEXT,
    other_party_id         TEXT,
    other_party_first_name TEXT,
    other_party_last_name  TEXT,
    other_party_email      TEXT,
    zoom_meeting_id        TEXT,
    is_group               BOOLEAN NOT NULL DEFAULT 0,
    will_be_scribed        BOOLEAN NOT NULL DEFAULT 0,
    organization_id        TEXT,
    created_at             BIGINT  NOT NULL,
    updated_at             BIGINT  NOT NULL,
    deleted_at             BIGINT
);
CREATE INDEX hub_appointments_date ON hub_appointments (date);
CREATE INDEX hub_appointments_zoom ON hub_appointments (zoom_meeting_id);

CREATE TABLE hub_recording_files (
    id              TEXT PRIMARY KEY,
    appointment_id  BIGINT NOT NULL,
    meeting_id      TEXT,
    download_url    TEXT,
    file_size       BIGINT,
    file_type       TEXT,
    recording_start BIGINT,
    recording_end   BIGINT,
    recording_type  TEXT,
    status          TEXT,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX hub_recording_files_appointment ON hub_recording_files (appointment_id);

CREATE TABLE hub_transcripts (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    appointment_id   BIGINT NOT NULL,
    status           TEXT   NOT NULL,
    transcript_type  TEXT   NOT NULL,
    transcript_start BIGINT,
    transcript_end   BIGINT,
    content          TEXT,
    source_key       TEXT UNIQUE,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX hub_transcripts_appointment ON hub_transcripts (appointment_id);

CREATE TABLE hub_attendance (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    appointment_id  BIGINT NOT NULL,
    action          TEXT   NOT NULL,
    participant_key TEXT   NOT NULL,
    user_name       TEXT,
    user_email      TEXT,
    event_at        BIGINT NOT NULL,
    recorded_at     BIGINT NOT NULL,
    UNIQUE (appointment_id, action, participant_key, event_at)
);

CREATE TABLE hub_zoom_events (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    received_at    BIGINT NOT NULL,
    event          TEXT   NOT NULL,
    meeting_id     TEXT,
    body_sha256    TEXT   NOT NULL UNIQUE,
    body           BLOB     NOT NULL,
    status         TEXT   NOT NULL,
    appointment_id BIGINT,
    processed_at   BIGINT
);
CREATE INDEX hub_zoom_events_received ON hub_zoom_events (received_at);

CREATE TABLE hub_keys (
    name       TEXT PRIMARY KEY,
    value      TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);

-- Files the meeting simulator serves the way Zoom's file server does (a download URL and a
-- download token; only a SHA-256 of the token is kept).
CREATE TABLE hub_simulated_files (
    id            TEXT PRIMARY KEY,
    token_sha256  TEXT   NOT NULL,
    content_type  TEXT   NOT NULL,
    content       TEXT   NOT NULL,
    created_at    BIGINT NOT NULL
);
