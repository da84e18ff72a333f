-- Subscriptions get an id of their own (the API's WebhookEvent.id), kept across updates, and the
-- attempt log an index by webhook and event type (WebhookEvent's retry_count, first_failed_at and
-- last_failed_at are computed from it).
ALTER TABLE delivery_webhook_events ADD COLUMN id BIGSERIAL;
ALTER TABLE delivery_webhook_events ADD CONSTRAINT delivery_webhook_events_id UNIQUE (id);

CREATE INDEX delivery_attempts_webhook_type ON delivery_attempts (webhook_id, event_type, attempted_at);
