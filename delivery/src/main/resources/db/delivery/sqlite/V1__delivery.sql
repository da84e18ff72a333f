-- Delivery: the webhook registry, events written through the outbox, one message per (event,
-- webhook) and the append-only attempt log. Times are epoch millis. Jobs of queue 'delivery'
-- carry a message id; no foreign key leaves this module.
CREATE TABLE delivery_webhooks (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    url                 TEXT    NOT NULL,
    enabled             INTEGER NOT NULL,
    should_retry        INTEGER NOT NULL,
    profile             TEXT    NOT NULL,
    body_shape          TEXT    NOT NULL,
    secret              TEXT    NOT NULL,
    secret_key_id       TEXT    NOT NULL,
    previous_secret     TEXT,
    previous_key_id     TEXT,
    previous_until      INTEGER,
    warned_at           INTEGER,
    failing_since       INTEGER,
    disabled_reason     TEXT,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
) STRICT;

CREATE TABLE delivery_webhook_events (
    webhook_id INTEGER NOT NULL REFERENCES delivery_webhooks (id) ON DELETE CASCADE,
    event_type TEXT    NOT NULL,
    PRIMARY KEY (webhook_id, event_type)
) STRICT;
-- fan-out: the webhooks subscribed to one event type
CREATE INDEX delivery_webhook_events_type ON delivery_webhook_events (event_type, webhook_id);

CREATE TABLE delivery_events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    event_type    TEXT    NOT NULL,
    resource_id   TEXT    NOT NULL,
    resource_type TEXT,
    body          TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX delivery_events_created ON delivery_events (created_at);

CREATE TABLE delivery_messages (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id        INTEGER NOT NULL REFERENCES delivery_events (id) ON DELETE CASCADE,
    webhook_id      INTEGER NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'skipped')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_status     INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    delivered_at    INTEGER
) STRICT;
CREATE INDEX delivery_messages_event ON delivery_messages (event_id);
CREATE INDEX delivery_messages_webhook ON delivery_messages (webhook_id, id);
-- redelivery of failed messages in a time range, and retention of finished ones
CREATE INDEX delivery_messages_status ON delivery_messages (status, created_at);

CREATE TABLE delivery_attempts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id      INTEGER NOT NULL,
    webhook_id      INTEGER NOT NULL,
    event_id        INTEGER NOT NULL,
    event_type      TEXT    NOT NULL,
    resource_id     TEXT    NOT NULL,
    resource_type   TEXT,
    url             TEXT    NOT NULL,
    attempt         INTEGER NOT NULL,
    attempted_at    INTEGER NOT NULL,
    duration_ms     INTEGER NOT NULL,
    http_status     INTEGER,
    outcome         TEXT    NOT NULL,
    error_class     TEXT,
    response_body   TEXT
) STRICT;
CREATE INDEX delivery_attempts_at ON delivery_attempts (attempted_at);
CREATE INDEX delivery_attempts_message ON delivery_attempts (message_id, id);
CREATE INDEX delivery_attempts_resource ON delivery_attempts (resource_id, attempted_at);
