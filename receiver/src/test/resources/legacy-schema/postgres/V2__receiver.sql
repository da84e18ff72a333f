-- Receiver: webhook log (every request and its fate), secrets, appointment snapshots,
-- recording lifecycle, attendance, transcripts, coalesced refreshes. Times are epoch millis.
CREATE TABLE receiver_webhooks (
    id            BIGSERIAL PRIMARY KEY,
    received_at   BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL,
    status        TEXT    NOT NULL,
    reason        TEXT,
    event_type    TEXT,
    resource_id   TEXT,
    resource_type TEXT,
    body_shape    TEXT,
    profile       TEXT,
    key_id        TEXT,
    source_ip     TEXT,
    http_status   INTEGER NOT NULL,
    body_sha256   TEXT,
    dedupe_key    TEXT,
    duplicate_of  BIGINT,
    attempts      INTEGER NOT NULL DEFAULT 0,
    processed_at  BIGINT,
    body          BYTEA
);
CREATE INDEX receiver_webhooks_received ON receiver_webhooks (received_at);
-- only the rare failures are indexed by status (replay --failed); other filters scan newest first
CREATE INDEX receiver_webhooks_failed ON receiver_webhooks (status, received_at) WHERE status IN ('failed', 'dead');
CREATE INDEX receiver_webhooks_resource ON receiver_webhooks (resource_id, received_at);
CREATE INDEX receiver_webhooks_dedupe ON receiver_webhooks (dedupe_key, received_at);

CREATE TABLE receiver_secrets (
    key_id     TEXT PRIMARY KEY,
    secret     TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE receiver_appointments (
    appointment_id TEXT PRIMARY KEY,
    snapshot       TEXT,
    found          BOOLEAN NOT NULL,
    deleted        BOOLEAN NOT NULL DEFAULT FALSE,
    fetched_at     BIGINT  NOT NULL
);

CREATE TABLE receiver_recordings (
    appointment_id          TEXT PRIMARY KEY,
    seen                    INTEGER NOT NULL DEFAULT 0,
    recording_started_at    BIGINT,
    recording_stopped_at    BIGINT,
    recording_completed_at  BIGINT,
    transcript_started_at   BIGINT,
    transcript_available_at BIGINT,
    transcript_failed_at    BIGINT,
    first_arrival_at        BIGINT NOT NULL,
    last_arrival_at         BIGINT NOT NULL
);

CREATE TABLE receiver_attendance (
    id              BIGSERIAL PRIMARY KEY,
    appointment_id  TEXT   NOT NULL,
    action          TEXT   NOT NULL,
    participant_key TEXT   NOT NULL,
    participant_name  TEXT,
    participant_email TEXT,
    host_user_id    TEXT,
    event_at        BIGINT,
    event_key       TEXT   NOT NULL,
    webhook_id      BIGINT NOT NULL,
    recorded_at     BIGINT NOT NULL,
    UNIQUE (appointment_id, action, participant_key, event_key)
);

CREATE TABLE receiver_transcripts (
    transcript_id   TEXT PRIMARY KEY,
    appointment_id  TEXT   NOT NULL,
    status          TEXT,
    transcript_type TEXT,
    started_at      BIGINT,
    ended_at        BIGINT,
    first_seen_at   BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX receiver_transcripts_appointment ON receiver_transcripts (appointment_id);

CREATE TABLE receiver_refresh_pending (
    appointment_id TEXT PRIMARY KEY,
    requested_at   BIGINT NOT NULL
);
