-- Subscriptions get an id of their own (the API's WebhookEvent.id), kept across updates, and the
-- attempt log an index by webhook and event type (WebhookEvent's retry_count, first_failed_at and
-- last_failed_at are computed from it). SQLite cannot add an identity column: the table is rebuilt.
CREATE TABLE delivery_webhook_events_v2 (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id INTEGER NOT NULL REFERENCES delivery_webhooks (id) ON DELETE CASCADE,
    event_type TEXT    NOT NULL,
    UNIQUE (webhook_id, event_type)
) STRICT;
INSERT INTO delivery_webhook_events_v2 (webhook_id, event_type)
    SELECT webhook_id, event_type FROM delivery_webhook_events ORDER BY webhook_id, event_type;
DROP TABLE delivery_webhook_events;
ALTER TABLE delivery_webhook_events_v2 RENAME TO delivery_webhook_events;
CREATE INDEX delivery_webhook_events_type ON delivery_webhook_events (event_type, webhook_id);

CREATE INDEX delivery_attempts_webhook_type ON delivery_attempts (webhook_id, event_type, attempted_at);
